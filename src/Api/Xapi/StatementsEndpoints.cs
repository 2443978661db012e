using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Application.Common;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Domain.Tenancy;

namespace Lrs.Api.Xapi;

/// <summary>The Statement resource, <c>/xapi/statements</c> (Communication §2.1).</summary>
public static class StatementsEndpoints
{
    public static RouteGroupBuilder MapStatements(this RouteGroupBuilder xapi)
    {
        xapi.MapPut("/statements", PutAsync);
        xapi.MapPost("/statements", PostAsync);
        xapi.MapMethods("/statements", [HttpMethods.Get, HttpMethods.Head], GetAsync);
        return xapi;
    }

    private static async Task<IResult> PutAsync(HttpContext http, RecordStatementsHandler handler, XapiLimits limits)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return Problem(400, error!);
        }

        if (XapiRequest.Unknown(parameters, "statementId") is { } unknown)
        {
            return Problem(400, $"Unknown parameter '{unknown}' for PUT statements.");
        }

        if (!parameters.TryGetValue("statementId", out var idText))
        {
            return Problem(400, "PUT statements requires the statementId parameter (Communication §2.1.1).");
        }

        if (!Application.Statements.Validation.XapiParameters.TryParseUuid(idText, out var statementId))
        {
            return Problem(400, "Parameter 'statementId' must be a UUID.");
        }

        return await WriteAsync(http, handler, limits, statementId, _ => TypedResults.NoContent());
    }

    private static async Task<IResult> PostAsync(HttpContext http, RecordStatementsHandler handler, XapiLimits limits)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return Problem(400, error!);
        }

        if (XapiRequest.Unknown(parameters) is { } unknown)
        {
            return Problem(400, $"Unknown parameter '{unknown}' for POST statements.");
        }

        return await WriteAsync(http, handler, limits, null, ids => TypedResults.Json(ids.Select(id => id.ToString()).ToArray()));
    }

    /// <summary>What PUT and POST share once their parameters are checked: scope, content type, body, handler.</summary>
    private static async Task<IResult> WriteAsync(
        HttpContext http, RecordStatementsHandler handler, XapiLimits limits, Guid? statementId, Func<IReadOnlyList<Guid>, IResult> success)
    {
        var caller = XapiAuthenticationFilter.Caller(http);
        if (!caller.Scopes.CanWriteStatements())
        {
            return Problem(403, "This credential may not write statements.");
        }

        JsonNode? body;
        IDisposable? lease = null;
        IReadOnlyList<AttachmentPayload>? parts = null;
        int status;
        string? parseError;
        if (MultipartStatements.IsMultipart(http.Request, out var boundary))
        {
            (body, parts, status, parseError) = await MultipartStatements.ReadAsync(http.Request, boundary, limits.MaxBodyBytes, http.RequestAborted);
        }
        else if (XapiRequest.IsJson(http.Request))
        {
            (body, lease, status, parseError) = await XapiRequest.ReadJsonAsync(http.Request, limits.MaxBodyBytes, http.RequestAborted);
        }
        else
        {
            return Problem(400, "Content-Type must be application/json or multipart/mixed (Communication §1.5).");
        }

        if (parseError is not null)
        {
            return Problem(status, parseError);
        }

        // The nodes read from the leased buffer; the handler returns only once the statements are stored or refused.
        using (lease)
        {
            var result = await handler.HandleAsync(new RecordStatements(caller, body, statementId, parts), http.RequestAborted);
            return result.IsSuccess ? success(result.Value!) : Problem(http, result.Error!);
        }
    }

    private static async Task<IResult> GetAsync(HttpContext http, GetStatementsHandler handler)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return Problem(400, error!);
        }

        var query = StatementQuery.Parse(parameters);
        if (!query.IsSuccess)
        {
            return Problem(http, query.Error!);
        }

        var languages = AcceptLanguage.Parse(http.Request.Headers.AcceptLanguage.ToString());
        var result = await handler.HandleAsync(
            new GetStatements(XapiAuthenticationFilter.Caller(http), query.Value!, languages), http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problem(http, result.Error!);
        }

        var response = result.Value!;
        if (response.LastModified is { } lastModified)
        {
            http.Response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(response.Body, StatementJson.Options);
        if (!query.Value!.Attachments)
        {
            return TypedResults.Bytes(json, "application/json");
        }

        // Communication §2.1.3 attachments=true: always multipart/mixed, the statements first.
        var (multipart, contentType) = MultipartStatements.Write(json, response.Attachments);
        return TypedResults.Bytes(multipart, contentType);
    }

    private static IResult Problem(int status, string message) => XapiProblem.Result(status, message);

    private static IResult Problem(HttpContext http, XapiError error)
    {
        if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = http.RequestServices.GetRequiredService<Infrastructure.Ingest.IngestOptions>()
                .RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return XapiProblem.Result(error.Status, error.Message);
    }
}
