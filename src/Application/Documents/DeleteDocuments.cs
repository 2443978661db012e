using Lrs.Application.Common;
using Lrs.Application.Security;

namespace Lrs.Application.Documents;

/// <summary>
/// Multiple-document DELETE of the State resource (Communication §2.3): every state of the Activity and Agent,
/// limited to the registration when one is given.
/// </summary>
public sealed record DeleteDocuments(XapiCaller Caller, DocumentAddress Address);

public sealed class DeleteDocumentsHandler(IDocumentStore store)
{
    public async Task<XapiResult<int>> HandleAsync(DeleteDocuments request, CancellationToken ct)
    {
        var address = request.Address;
        if (!address.Context.Kind.Allows(request.Caller.Scopes, write: true))
        {
            return XapiError.Forbidden($"This credential may not delete {address.Context.Kind.Name()} documents.");
        }

        return await store.DeleteAllAsync(address.Context, !address.RegistrationGiven, ct);
    }
}
