using Lrs.Api.Xapi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Lrs.Api.Internal;

/// <summary>
/// The internal REST API under <c>/api/v1</c>: the same Basic credentials as xAPI, scope <c>all</c> to write and
/// <c>all</c> or <c>all/read</c> to read, and Idempotency-Key on POST and PUT.
/// </summary>
public static class InternalApi
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .AddEndpointFilter<XapiAuthenticationFilter>()
            .AddEndpointFilter<InternalScopeFilter>()
            .AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapCourses();
        api.MapProgress();
        api.MapLearnerProgress();
        api.MapLearnerReadModels();
        api.MapReports();
        api.MapDeadLetters();
        api.MapErasure();
        api.MapFlaggedCompletions();
        return api;
    }

    /// <summary>The request body, whole; the endpoints read it themselves so malformed input gets their own messages.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>
    /// Describes a request body the endpoint reads itself. (Accepts metadata would also make routing refuse other
    /// content types with a bare 415 before the endpoint could explain.)
    /// </summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> RequestBody(Type type, params string[] mediaTypes) =>
        async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = mediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = schema }),
            };
        };

    public static bool HasMediaType(HttpRequest request, params string[] types)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        return mediaType is not null && types.Any(t => string.Equals(t, mediaType, StringComparison.OrdinalIgnoreCase));
    }
}
