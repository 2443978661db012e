using Lrs.Domain.Progress;

namespace Lrs.Application.Progress;

/// <summary>Everything progress knows about one attempt key.</summary>
public sealed record ProgressFacts(AttemptKey Key, IReadOnlyList<Attempt> Attempts, CompletionRecord? Completion, PassFailRecord? PassFail);

/// <summary>
/// Derives attempts, completion and pass/fail facts from statements. Pure and deterministic: the result depends
/// only on the set of statements given, which are put in (timestamp, statement id) order first, so arrival order
/// never matters (cmi5 §9.3: order is the <c>timestamp</c>'s).
/// </summary>
public static class ProgressDerivation
{
    /// <summary>
    /// The attempt key a statement counts for: its actor and registration, and its object activity, except for an
    /// answer to a question (an interaction), which counts for the activity it is part of (its first context parent).
    /// Null for statements that belong to no attempt (voiding, anonymous actor, non-activity object).
    /// </summary>
    public static AttemptKey? KeyOf(LedgerStatement statement)
    {
        if (statement.IsVoiding || statement.ActorKey is null)
        {
            return null;
        }

        var activity = statement.IsInteraction && statement.ParentIds.Count > 0 ? statement.ParentIds[0] : statement.ObjectId;
        return activity is null ? null : AttemptKey.Create(statement.ActorKey, activity, statement.Registration);
    }

    /// <summary>
    /// The facts of <paramref name="key"/> from its statements. Statements of other keys, voiding statements and the
    /// statements they void (when both are given) are left out, as are repeats of the same id.
    /// </summary>
    public static ProgressFacts Derive(AttemptKey key, IEnumerable<LedgerStatement> statements, GradingRule rule)
    {
        var all = statements.ToList();
        var voided = all.Where(s => s.VoidedTarget is not null).Select(s => s.VoidedTarget!.Value).ToHashSet();
        var ordered = all
            .Where(s => !voided.Contains(s.Id) && KeyOf(s) == key)
            .DistinctBy(s => s.Id)
            .Order(Comparer<LedgerStatement>.Create((a, b) => StatementOrder.Compare(a.Timestamp, a.Id, b.Timestamp, b.Id)))
            .ToList();

        var attempts = new List<Attempt>();
        var completions = new List<CompletionRecord>();
        Attempt? current = null;

        Attempt OpenNew(LedgerStatement s)
        {
            current = Attempt.Open(key, attempts.Count + 1, s.Timestamp, rule, s.GroupingIds.Count > 0 ? s.GroupingIds[0] : null);
            attempts.Add(current);
            return current;
        }

        foreach (var s in ordered)
        {
            var open = current is { State: AttemptState.Open } ? current : null;
            switch (s.VerbId)
            {
                case ProgressVerbs.Launched or ProgressVerbs.Initialized or ProgressVerbs.Attempted:
                    // A new session after the previous one ended is a new attempt (cmi5 §9.3.2, §9.3.8).
                    open ??= OpenNew(s);
                    break;
                case ProgressVerbs.Terminated:
                    open?.Close(s.Timestamp);
                    break;
                case ProgressVerbs.Abandoned:
                    open?.Abandon(s.Timestamp, s.Id);
                    break;
                case ProgressVerbs.Waived:
                    // cmi5 §9.3.7: the LMS waives in a session of its own.
                    (open ?? OpenNew(s)).Waive(s.Timestamp, s.Id);
                    break;
                case ProgressVerbs.Satisfied:
                    // cmi5 §9.3.9: about a block or course, not an attempt at it.
                    break;
                default:
                    // Statements after a session ended belong to no attempt (cmi5 §9.3.8: the LMS rejects them);
                    // content that never announces a session gets one opened by its first statement.
                    if (current is null)
                    {
                        open = OpenNew(s);
                    }

                    if (open is not null)
                    {
                        Record(open, s);
                    }

                    break;
            }

            if (IsCompletion(s))
            {
                completions.Add(CompletionRecord.Create(key, s.Timestamp, s.Id));
            }
        }

        var passFail = attempts
            .Where(a => a.Outcome is AttemptOutcome.Passed or AttemptOutcome.Failed && a.DecidedBy is not null)
            .Select(a => PassFailRecord.Create(key, a.Outcome == AttemptOutcome.Passed, a.DecidedAt!.Value, a.DecidedBy!.Value));
        return new ProgressFacts(key, attempts, CompletionRecord.Of(completions), PassFailRecord.Of(passFail));
    }

    private static void Record(Attempt attempt, LedgerStatement s)
    {
        var result = s.Result;
        if (s.IsInteraction)
        {
            if (result is not null && s.ObjectId is not null)
            {
                attempt.RecordInteraction(InteractionResult.Create(s.ObjectId, result.Success, result.Raw, result.Response, s.Timestamp), s.Id);
            }

            return;
        }

        var success = result?.Success ?? s.VerbId switch
        {
            ProgressVerbs.Passed => true,
            ProgressVerbs.Failed => false,
            _ => (bool?)null,
        };
        var completion = result?.Completion ?? (s.VerbId == ProgressVerbs.Completed ? true : null);
        var score = result is { HasScore: true } ? Score.Create(result.Scaled, result.Raw, result.Min, result.Max) : null;
        if (score is not null || success is not null || completion is not null)
        {
            attempt.ReportResult(score, success, completion, s.Id, s.Timestamp);
        }
    }

    private static bool IsCompletion(LedgerStatement s) =>
        !s.IsInteraction && (s.VerbId is ProgressVerbs.Completed or ProgressVerbs.Waived or ProgressVerbs.Satisfied || s.Result?.Completion == true);
}
