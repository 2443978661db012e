using System.Globalization;
using System.Text.Json;
using Lrs.Application.Common;
using Lrs.Application.Documents;

namespace Lrs.Api.Xapi;

/// <summary>
/// The document resources (Communication §2.2): State <c>/xapi/activities/state</c> (§2.3), Agent Profile
/// <c>/xapi/agents/profile</c> (§2.6) and Activity Profile <c>/xapi/activities/profile</c> (§2.7). They differ only in
/// their parameters and concurrency rules, which <see cref="DocumentAddress"/> and the handlers know.
/// </summary>
public static class DocumentsEndpoints
{
    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder xapi)
    {
        Map(xapi, "/activities/state", DocumentKind.State);
        Map(xapi, "/activities/profile", DocumentKind.ActivityProfile);
        Map(xapi, "/agents/profile", DocumentKind.AgentProfile);
        return xapi;
    }

    private static void Map(RouteGroupBuilder xapi, string path, DocumentKind kind)
    {
        xapi.MapPut(path, (HttpContext http, SaveDocumentHandler handler, XapiLimits limits) => SaveAsync(http, handler, limits, kind, merge: false));
        xapi.MapPost(path, (HttpContext http, SaveDocumentHandler handler, XapiLimits limits) => SaveAsync(http, handler, limits, kind, merge: true));
        xapi.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http, GetDocumentHandler one, GetDocumentIdsHandler many) =>
            GetAsync(http, one, many, kind));
        xapi.MapDelete(path, (HttpContext http, DeleteDocumentHandler one, DeleteDocumentsHandler all) => DeleteAsync(http, one, all, kind));
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SaveDocumentHandler handler, XapiLimits limits, DocumentKind kind, bool merge)
    {
        var address = Address(http, kind, merge ? DocumentMethod.Post : DocumentMethod.Put);
        if (!address.IsSuccess)
        {
            return Problem(address.Error!);
        }

        var (content, status, error) = await ReadBodyAsync(http.Request, limits.MaxBodyBytes, http.RequestAborted);
        if (error is not null)
        {
            return XapiProblem.Result(status, error);
        }

        var contentType = string.IsNullOrWhiteSpace(http.Request.ContentType) ? DocumentContent.DefaultContentType : http.Request.ContentType;
        var request = new SaveDocument(XapiAuthenticationFilter.Caller(http), address.Value!, content!, contentType, merge, Preconditions(http));
        var result = await handler.HandleAsync(request, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problem(result.Error!);
        }

        http.Response.Headers.ETag = result.Value!.ETag;
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetAsync(HttpContext http, GetDocumentHandler one, GetDocumentIdsHandler many, DocumentKind kind)
    {
        var address = Address(http, kind, DocumentMethod.Get);
        if (!address.IsSuccess)
        {
            return Problem(address.Error!);
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        if (address.Value!.Id is not null)
        {
            var found = await one.HandleAsync(new GetDocument(caller, address.Value), http.RequestAborted);
            if (!found.IsSuccess)
            {
                return Problem(found.Error!);
            }

            // Communication §3.1: ETag (quoted SHA-1 of the contents) on GET; §2.2: Last-Modified of the document.
            var document = found.Value!;
            http.Response.Headers.ETag = document.ETag;
            http.Response.Headers.LastModified = document.Updated.ToString("R", CultureInfo.InvariantCulture);
            return TypedResults.Bytes(document.Content, document.ContentType);
        }

        var listed = await many.HandleAsync(new GetDocumentIds(caller, address.Value), http.RequestAborted);
        if (!listed.IsSuccess)
        {
            return Problem(listed.Error!);
        }

        // §2.2: Last-Modified of the most recently modified document; §3.1: every GET carries an ETag.
        var body = JsonSerializer.SerializeToUtf8Bytes(listed.Value!.Ids);
        http.Response.Headers.ETag = DocumentContent.ETag(body);
        if (listed.Value.LastModified is { } lastModified)
        {
            http.Response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        }

        return TypedResults.Bytes(body, "application/json");
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, DeleteDocumentHandler one, DeleteDocumentsHandler all, DocumentKind kind)
    {
        var address = Address(http, kind, DocumentMethod.Delete);
        if (!address.IsSuccess)
        {
            return Problem(address.Error!);
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var error = address.Value!.Id is not null
            ? (await one.HandleAsync(new DeleteDocument(caller, address.Value, Preconditions(http)), http.RequestAborted)).Error
            : (await all.HandleAsync(new DeleteDocuments(caller, address.Value), http.RequestAborted)).Error;
        return error is null ? TypedResults.NoContent() : Problem(error);
    }

    private static XapiResult<DocumentAddress> Address(HttpContext http, DocumentKind kind, DocumentMethod method)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return XapiError.BadRequest(error!);
        }

        return DocumentAddress.Parse(kind, method, XapiAuthenticationFilter.Caller(http).TenantId, parameters);
    }

    private static Preconditions Preconditions(HttpContext http) =>
        Application.Documents.Preconditions.Parse(http.Request.Headers.IfMatch.ToString(), http.Request.Headers.IfNoneMatch.ToString());

    /// <summary>The body as bytes, exactly as sent; over <paramref name="maxBytes"/> is a 413 (Communication §3.2).</summary>
    private static async Task<(byte[]? Content, int Status, string? Error)> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var tooLarge = string.Format(CultureInfo.InvariantCulture, "The document is larger than this LRS accepts ({0} bytes).", maxBytes);
        if (request.ContentLength > maxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), StatusCodes.Status200OK, null);
    }

    private static IResult Problem(XapiError error) => XapiProblem.Result(error.Status, error.Message);
}
