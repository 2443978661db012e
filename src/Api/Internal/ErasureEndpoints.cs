using Lrs.Api.Xapi;
using Lrs.Application.Erasure;

namespace Lrs.Api.Internal;

/// <summary>
/// GDPR erasure of an agent within the caller's tenant (overview seed §8). A request is accepted (202) and carried out
/// by the erasure worker; its tombstone shows status and counts and nothing that identifies the agent.
/// </summary>
public static class ErasureEndpoints
{
    public static void MapErasure(this RouteGroupBuilder api)
    {
        var erasures = api.MapGroup("/erasure-requests").WithTags("Erasure");

        erasures.MapPost("/", PostAsync)
            .WithName("RequestErasure")
            .WithSummary("Erase an agent's personal data from this tenant")
            .WithDescription("Body: the agent as an xAPI Agent (JSON). Its statements keep their place in the ledger with the agent replaced by an "
                + "anonymous account; its documents, attachments only its statements had and its saga data go; read models follow. 202 with the request.")
            .AddOpenApiOperationTransformer(InternalApi.RequestBody(typeof(object), "application/json"))
            .Produces<ErasureView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        erasures.MapGet("/{id}", GetAsync)
            .WithName("GetErasureRequest")
            .WithSummary("One erasure request: status (requested, erased, completed, failed) and counts")
            .Produces<ErasureView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        erasures.MapGet("/", ListAsync)
            .WithName("ListErasureRequests")
            .WithSummary("Erasure requests, newest first; limit 1–200 (default 50), follow 'next'")
            .Produces<ErasureList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> PostAsync(HttpContext http, RequestErasureHandler handler)
    {
        if (!InternalApi.HasMediaType(http.Request, "application/json"))
        {
            return XapiProblem.Result(StatusCodes.Status415UnsupportedMediaType, "Send the agent to erase as application/json.");
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var body = System.Text.Encoding.UTF8.GetString(await InternalApi.ReadBodyAsync(http.Request, http.RequestAborted));
        var requested = await handler.HandleAsync(new RequestErasure(caller.TenantId, body, "credential " + caller.CredentialKey), http.RequestAborted);
        if (!requested.IsSuccess)
        {
            return ProgressLists.Problem(requested.Error!);
        }

        http.Response.Headers.Location = $"{InternalApi.Prefix}/erasure-requests/{requested.Value!.Id}";
        return TypedResults.Json(requested.Value, ProgressLists.Json, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(HttpContext http, IErasureStore store, string id)
    {
        if (!Guid.TryParse(id, out var erasureId))
        {
            return XapiProblem.Result(StatusCodes.Status400BadRequest, $"'{id}' is not an erasure request id (a UUID).");
        }

        var view = await store.FindAsync(XapiAuthenticationFilter.Caller(http).TenantId, erasureId, http.RequestAborted);
        return view is null
            ? XapiProblem.Result(StatusCodes.Status404NotFound, $"No erasure request {erasureId} in this tenant.")
            : ProgressLists.Ok(view);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ListErasuresHandler handler, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var page = await handler.HandleAsync(new ListErasures(XapiAuthenticationFilter.Caller(http).TenantId, cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(new ErasureList(page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }
}

/// <summary>A page of erasure requests; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record ErasureList(IReadOnlyList<ErasureView> Requests, string? Next);
