using Lrs.Application.Common;
using Lrs.Application.Security;

namespace Lrs.Application.Documents;

/// <summary>GET of one document by its id (Communication §2.3, §2.6, §2.7).</summary>
public sealed record GetDocument(XapiCaller Caller, DocumentAddress Address);

public sealed class GetDocumentHandler(IDocumentStore store)
{
    public async Task<XapiResult<StoredDocument>> HandleAsync(GetDocument request, CancellationToken ct)
    {
        var context = request.Address.Context;
        if (!context.Kind.Allows(request.Caller.Scopes, write: false))
        {
            return XapiError.Forbidden($"This credential may not read {context.Kind.Name()} documents.");
        }

        var document = await store.FindAsync(context, request.Address.Id!, ct);
        return document is null ? XapiError.NotFound($"No {context.Kind.Name()} document with this id.") : document;
    }
}
