using Lrs.Application.Common;
using Lrs.Application.Security;

namespace Lrs.Application.Documents;

/// <summary>Multiple-document GET: the ids of the context's documents, updated after <c>since</c> if given.</summary>
public sealed record GetDocumentIds(XapiCaller Caller, DocumentAddress Address);

/// <summary>The ids, and when the most recently modified of them was modified (null when there are none).</summary>
public sealed record DocumentIds(IReadOnlyList<string> Ids, DateTimeOffset? LastModified);

public sealed class GetDocumentIdsHandler(IDocumentStore store)
{
    public async Task<XapiResult<DocumentIds>> HandleAsync(GetDocumentIds request, CancellationToken ct)
    {
        var address = request.Address;
        if (!address.Context.Kind.Allows(request.Caller.Scopes, write: false))
        {
            return XapiError.Forbidden($"This credential may not read {address.Context.Kind.Name()} documents.");
        }

        var stamps = await store.ListAsync(address.Context, !address.RegistrationGiven, address.Since, ct);
        return new DocumentIds(stamps.Select(s => s.Id).ToList(), stamps.Count == 0 ? null : stamps.Max(s => s.Updated));
    }
}
