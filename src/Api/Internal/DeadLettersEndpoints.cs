using System.Text.Json;
using Lrs.Api.Xapi;
using Lrs.Application.Events;
using Lrs.Domain.Tenancy;

namespace Lrs.Api.Internal;

/// <summary>
/// Dead letters (docs/decisions/0009): messages a consumer still failed on after its retries. Admin only — scope
/// <c>all</c> even to read, since payloads carry learners' data. Replay is safe to repeat: consumers' inboxes drop ids
/// they handled.
/// </summary>
public static class DeadLettersEndpoints
{
    public sealed record DeadLetterResponse(
        Guid Id, Guid MessageId, string MessageType, string Consumer, JsonElement Payload, string Error, int Attempts, DateTimeOffset FailedAt);

    public sealed record DeadLetterPage(IReadOnlyList<DeadLetterResponse> Items, string? Next);

    public static void MapDeadLetters(this RouteGroupBuilder api)
    {
        var letters = api.MapGroup("/dead-letters").WithTags("Dead letters").AddEndpointFilter(async (context, next) =>
            (XapiAuthenticationFilter.Caller(context.HttpContext).Scopes & XapiScope.All) != 0
                ? await next(context)
                : XapiProblem.Result(StatusCodes.Status403Forbidden, "Dead letters need a credential with scope 'all'."));

        letters.MapGet("/", async (HttpContext http, string? cursor, string? limit, DeadLettersHandler handler, CancellationToken ct) =>
        {
            if (!ProgressLists.TryLimit(limit, out var size, out var problem))
            {
                return problem!;
            }

            var tenant = XapiAuthenticationFilter.Caller(http).TenantId;
            var (items, next, error) = await handler.ListAsync(new ListDeadLetters(tenant, cursor, size), ct);
            return error is not null
                ? XapiProblem.Result(StatusCodes.Status400BadRequest, error)
                : ProgressLists.Ok(new DeadLetterPage(items.Select(ToResponse).ToList(), ProgressLists.Next(http.Request, next)));
        }).Produces<DeadLetterPage>().WithSummary("Dead letters of the tenant, oldest first, with a next link");

        letters.MapGet("/{id}", async (HttpContext http, string id, DeadLettersHandler handler, CancellationToken ct) =>
            !Guid.TryParse(id, out var letterId)
                ? NotAnId(id)
                : await handler.GetAsync(XapiAuthenticationFilter.Caller(http).TenantId, letterId, ct) is { } letter
                    ? ProgressLists.Ok(ToResponse(letter))
                    : NotFound(letterId))
            .Produces<DeadLetterResponse>().WithSummary("One dead letter with its payload and error");

        letters.MapPost("/{id}/replay", async (HttpContext http, string id, DeadLettersHandler handler, CancellationToken ct) =>
            !Guid.TryParse(id, out var letterId)
                ? NotAnId(id)
                : await handler.ReplayAsync(XapiAuthenticationFilter.Caller(http).TenantId, letterId, ct)
                    ? TypedResults.Accepted((string?)null)
                    : NotFound(letterId))
            .WithSummary("Send the message again to the consumer that failed on it and remove the dead letter");

        letters.MapDelete("/{id}", async (HttpContext http, string id, DeadLettersHandler handler, CancellationToken ct) =>
            !Guid.TryParse(id, out var letterId)
                ? NotAnId(id)
                : await handler.DeleteAsync(XapiAuthenticationFilter.Caller(http).TenantId, letterId, ct)
                    ? TypedResults.NoContent()
                    : NotFound(letterId))
            .WithSummary("Discard a dead letter");
    }

    private static DeadLetterResponse ToResponse(DeadLetter l) =>
        new(l.Id, l.MessageId, l.MessageType, l.Consumer, JsonDocument.Parse(l.Payload).RootElement.Clone(), l.Error, l.Attempts, l.FailedAt);

    private static IResult NotAnId(string id) => XapiProblem.Result(StatusCodes.Status400BadRequest, $"'{id}' is not a dead-letter id (a UUID).");

    private static IResult NotFound(Guid id) => XapiProblem.Result(StatusCodes.Status404NotFound, $"There is no dead letter {id}.");
}
