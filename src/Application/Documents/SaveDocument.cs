using System.Text.Json.Nodes;
using Lrs.Application.Common;
using Lrs.Application.Security;

namespace Lrs.Application.Documents;

/// <summary>PUT (replace) or POST (merge JSON, Communication §2.2) of one document.</summary>
public sealed record SaveDocument(
    XapiCaller Caller, DocumentAddress Address, byte[] Content, string ContentType, bool Merge, Preconditions Preconditions);

public sealed class SaveDocumentHandler(IDocumentStore store, TimeProvider time)
{
    // A write that loses a race re-reads and decides again; this many rounds before giving up with 409.
    private const int Attempts = 10;

    public async Task<XapiResult<StoredDocument>> HandleAsync(SaveDocument request, CancellationToken ct)
    {
        var context = request.Address.Context;
        if (!context.Kind.Allows(request.Caller.Scopes, write: true))
        {
            return XapiError.Forbidden($"This credential may not write {context.Kind.Name()} documents.");
        }

        if (request.Content.Length == 0)
        {
            return XapiError.BadRequest("The request has no document: the body is empty.");
        }

        var postedJson = request.Merge && DocumentContent.IsJson(request.ContentType) ? DocumentContent.AsObject(request.Content) : null;
        if (request.Merge && DocumentContent.IsJson(request.ContentType) && postedJson is null)
        {
            return XapiError.BadRequest("A POSTed application/json document must be a JSON object (Communication §2.2).");
        }

        var id = request.Address.Id!;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await store.FindAsync(context, id, ct);
            var decided = Decide(request, current, postedJson);
            if (!decided.IsSuccess)
            {
                return decided.Error!;
            }

            var (content, contentType) = decided.Value;
            var updated = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            var document = new StoredDocument(id, content, contentType, DocumentContent.ETag(content), updated);
            if (await store.SaveAsync(context, document, current?.ETag, ct))
            {
                return document;
            }
        }

        return XapiError.Conflict("The document was changed by other requests while this one was applied; fetch it and retry.");
    }

    private static XapiResult<(byte[], string)> Decide(SaveDocument request, StoredDocument? current, JsonObject? postedJson)
    {
        var kind = request.Address.Context.Kind;
        if (!request.Preconditions.Hold(current?.ETag))
        {
            return new XapiError(412, current is null
                ? "Precondition failed: If-Match was given but the document does not exist."
                : "Precondition failed: the document's current ETag does not satisfy If-Match / If-None-Match.");
        }

        // Communication §3.1: a PUT to an existing profile document must say which version it replaces.
        if (!request.Merge && current is not null && kind != DocumentKind.State && !request.Preconditions.Any)
        {
            return XapiError.Conflict(
                $"The {kind.Name()} document exists and the PUT has neither If-Match nor If-None-Match. Check the current state of "
                + $"the document, then set the If-Match header to its current ETag ({current.ETag}) to replace it.");
        }

        if (!request.Merge || current is null)
        {
            return (request.Content, request.ContentType);
        }

        // Communication §2.2: merging needs application/json JSON objects on both sides; otherwise 400 and no change.
        if (!DocumentContent.IsJson(current.ContentType) || postedJson is null)
        {
            return XapiError.BadRequest(
                $"POST merges JSON documents: the stored document is {current.ContentType} and the posted one is {request.ContentType}; "
                + "both must be application/json JSON objects. Use PUT to replace the document.");
        }

        if (DocumentContent.AsObject(current.Content) is not { } existing)
        {
            return XapiError.BadRequest("The stored document is not a JSON object, so it cannot be merged; use PUT to replace it.");
        }

        return (DocumentContent.Merge(existing, postedJson.DeepClone().AsObject()), current.ContentType);
    }
}
