using System.Security.Cryptography;
using System.Text;
using Lrs.Api.Xapi;
using Lrs.Application.Idempotency;

namespace Lrs.Api.Internal;

/// <summary>
/// Makes POST and PUT retries safe: with an <c>Idempotency-Key</c> header the first response (status and body) is
/// stored with a hash of the request; a retry of the same request gets that response again with
/// <c>Idempotent-Replayed: true</c>, the same key on a different request 422, and a retry while the first still
/// runs 409. Keys belong to the caller's tenant. Server errors (5xx) are not stored, so they may be retried.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method)) || !http.Request.Headers.TryGetValue(KeyHeader, out var values))
        {
            return await next(context);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return XapiProblem.Result(StatusCodes.Status400BadRequest,
                $"{KeyHeader} must be one value of 1 to {MaxKeyLength} visible ASCII characters.");
        }

        var request = await DescribeAsync(http, key);
        var claim = await http.RequestServices.GetRequiredService<ClaimIdempotencyKeyHandler>().HandleAsync(request, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                http.Response.Headers[ReplayedHeader] = "true";
                return new StoredResult(claim.Response!);
            case IdempotencyOutcome.Mismatch:
                return XapiProblem.Result(StatusCodes.Status422UnprocessableEntity,
                    $"This {KeyHeader} was already used for a different request; use a new key for a new request.");
            case IdempotencyOutcome.InProgress:
                return XapiProblem.Result(StatusCodes.Status409Conflict,
                    $"A request with this {KeyHeader} is still being processed; retry later.");
        }

        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            if (await next(context) is IResult result)
            {
                await result.ExecuteAsync(http);
            }
        }
        catch
        {
            http.Response.Body = original;
            await store.ReleaseAsync(request.TenantId, key, CancellationToken.None);
            throw;
        }

        http.Response.Body = original;
        var response = new StoredResponse(http.Response.StatusCode, http.Response.ContentType, captured.ToArray());
        if (response.Status >= 500)
        {
            await store.ReleaseAsync(request.TenantId, key, CancellationToken.None);
        }
        else
        {
            await store.CompleteAsync(request, response, CancellationToken.None);
        }

        await original.WriteAsync(response.Body, http.RequestAborted);
        return Results.Empty;
    }

    // The hash covers everything that makes two requests the same: method, path and query, content type and body.
    private static async Task<IdempotentRequest> DescribeAsync(HttpContext http, string key)
    {
        http.Request.EnableBuffering();
        var body = await InternalApi.ReadBodyAsync(http.Request, http.RequestAborted);
        http.Request.Body.Position = 0;
        var path = http.Request.Path.Value + http.Request.QueryString.Value;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method}\n{path}\n{http.Request.ContentType}\n"));
        hash.AppendData(body);
        var caller = XapiAuthenticationFilter.Caller(http);
        return new IdempotentRequest(caller.TenantId, key, http.Request.Method, path, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private sealed class StoredResult(StoredResponse response) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.Status;
            httpContext.Response.ContentType = response.ContentType;
            return httpContext.Response.Body.WriteAsync(response.Body).AsTask();
        }
    }
}
