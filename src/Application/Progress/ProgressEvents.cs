using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Domain.Progress;

namespace Lrs.Application.Progress;

/// <summary>What the read models held for an attempt key before the projector recomputed it.</summary>
public sealed record KeyState(IReadOnlyDictionary<int, AttemptState> Attempts, bool Completed)
{
    public static readonly KeyState Empty = new(new Dictionary<int, AttemptState>(), false);
}

/// <summary>
/// The integration events of one recomputed attempt key: only facts that are new against <see cref="KeyState"/> (an
/// attempt opened or closed, a completion recorded), so a recompute that changes nothing publishes nothing and any
/// number of completing statements give one <c>progress.completion.recorded.v1</c>. Message ids are derived from the
/// fact (key and attempt number), so a rebuild or replay derives the same ids (docs/decisions/0009).
/// </summary>
public static class ProgressEvents
{
    public static IReadOnlyList<OutboxMessage> Changes(Guid tenantId, KeyState before, ProgressFacts after)
    {
        var key = after.Key;
        var aggregate = $"attempt:{key.LearnerKey}|{key.ActivityId}|{key.Registration}";
        var events = new List<OutboxMessage>();
        foreach (var attempt in after.Attempts)
        {
            var known = before.Attempts.TryGetValue(attempt.Number, out var state);
            if (!known)
            {
                events.Add(Message(new AttemptOpened
                {
                    TenantId = tenantId, LearnerKey = key.LearnerKey, ActivityId = key.ActivityId, Registration = key.Registration,
                    AttemptNumber = attempt.Number, CourseId = attempt.CourseId, OpenedAt = attempt.OpenedAt,
                }, aggregate, tenantId, key, attempt.Number));
            }

            if (attempt.State == AttemptState.Closed && (!known || state != AttemptState.Closed))
            {
                events.Add(Message(new AttemptClosed
                {
                    TenantId = tenantId, LearnerKey = key.LearnerKey, ActivityId = key.ActivityId, Registration = key.Registration,
                    AttemptNumber = attempt.Number, CourseId = attempt.CourseId, Outcome = attempt.Outcome.ToString().ToLowerInvariant(),
                    ScoreScaled = attempt.Score?.Scaled, Success = attempt.Success, OpenedAt = attempt.OpenedAt, ClosedAt = attempt.ClosedAt ?? attempt.OpenedAt,
                }, aggregate, tenantId, key, attempt.Number));
            }
        }

        if (after.Completion is { } completion && !before.Completed)
        {
            events.Add(Message(new CompletionRecorded
            {
                TenantId = tenantId, LearnerKey = key.LearnerKey, ActivityId = key.ActivityId, Registration = key.Registration,
                CompletedAt = completion.CompletedAt, StatementId = completion.StatementId,
                PassFail = after.PassFail is null ? null : after.PassFail.Passed ? "passed" : "failed",
            }, aggregate, tenantId, key, null));
        }

        return events;
    }

    private static OutboxMessage Message(ITenantMessage message, string aggregate, Guid tenantId, AttemptKey key, int? number)
    {
        var name = MessageContracts.NameOf(message.GetType());
        return OutboxMessage.From(message, MessageContracts.DeterministicId(name, tenantId, key.LearnerKey, key.ActivityId, key.Registration, number), aggregate);
    }
}
