using Lrs.Api.Xapi;
using Lrs.Infrastructure.Sagas;
using Lrs.Infrastructure.Sagas.Completion;

namespace Lrs.Api.Internal;

/// <summary>Completions certification never acknowledged, after every republication: for an admin to follow up.</summary>
public static class FlaggedCompletionsEndpoints
{
    public static void MapFlaggedCompletions(this RouteGroupBuilder api) =>
        api.MapGet("/completions/flagged", ListAsync)
            .WithTags("Progress")
            .WithName("ListFlaggedCompletions")
            .WithSummary("Completions published to certification that no certificate answered, oldest first")
            .Produces<FlaggedCompletionList>();

    private static async Task<IResult> ListAsync(HttpContext http, SagaStore<CompletionState> store)
    {
        var tenant = XapiAuthenticationFilter.Caller(http).TenantId;
        var flagged = await store.ListAsync(tenant, nameof(CompletionStateMachine.Flagged), http.RequestAborted);
        return ProgressLists.Ok(new FlaggedCompletionList(flagged.Select(s => new FlaggedCompletion(
            s.CorrelationId, s.LearnerKey, s.ActivityId, s.Registration, s.CompletedAt, s.StatementId, s.Publications, s.RecordedAt, s.FlaggedAt)).ToList()));
    }
}

/// <summary>A completion the saga flagged; <paramref name="CompletionMessageId"/> is the id certification answers with.</summary>
public sealed record FlaggedCompletion(
    Guid CompletionMessageId, string LearnerKey, string ActivityId, Guid? Registration, DateTimeOffset CompletedAt, Guid StatementId,
    int Publications, DateTimeOffset RecordedAt, DateTimeOffset? FlaggedAt);

public sealed record FlaggedCompletionList(IReadOnlyList<FlaggedCompletion> Completions);
