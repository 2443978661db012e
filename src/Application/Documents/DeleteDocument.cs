using Lrs.Application.Common;
using Lrs.Application.Security;

namespace Lrs.Application.Documents;

/// <summary>DELETE of one document. Deleting a document that does not exist succeeds unless If-Match demands one.</summary>
public sealed record DeleteDocument(XapiCaller Caller, DocumentAddress Address, Preconditions Preconditions);

public sealed class DeleteDocumentHandler(IDocumentStore store)
{
    private const int Attempts = 10;

    public async Task<XapiResult<bool>> HandleAsync(DeleteDocument request, CancellationToken ct)
    {
        var context = request.Address.Context;
        if (!context.Kind.Allows(request.Caller.Scopes, write: true))
        {
            return XapiError.Forbidden($"This credential may not delete {context.Kind.Name()} documents.");
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await store.FindAsync(context, request.Address.Id!, ct);
            if (!request.Preconditions.Hold(current?.ETag))
            {
                return new XapiError(412, "Precondition failed: the document's current ETag does not satisfy If-Match / If-None-Match.");
            }

            if (current is null || await store.DeleteAsync(context, current.Id, current.ETag, ct))
            {
                return current is not null;
            }
        }

        return XapiError.Conflict("The document was changed by other requests while this one was applied; fetch it and retry.");
    }
}
