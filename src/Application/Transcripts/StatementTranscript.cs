namespace Lrs.Application.Transcripts;

/// <summary>
/// Builds a transcript from a learner's statements: each activity the learner acted on directly is a course, each
/// registration (Data §2.4.6) an attempt at it, and the outcome comes from the ADL verbs passed, failed, completed,
/// terminated and abandoned. Activities only ever reached with a <c>parent</c> in context (questions, pages) are parts of
/// something else and get no entry of their own. What it keeps of the statements is one <see cref="TranscriptKey"/> per
/// activity and registration, which the transcript projection stores and loads again (docs/decisions/0018).
/// </summary>
public sealed class StatementTranscript(string agentKey)
{
    private readonly Dictionary<(string Activity, Guid Registration), TranscriptKey> _keys = [];
    private long _added;

    /// <summary>The keys folded so far, one per activity and registration.</summary>
    public IEnumerable<TranscriptKey> Keys => _keys.Values;

    /// <summary>Continues from a key folded earlier (statements up to the projection's checkpoint).</summary>
    public void Load(TranscriptKey key) => _keys[(key.ActivityId, key.Registration ?? Guid.Empty)] = key;

    /// <summary>Takes one stored statement into account, after every statement added before it.</summary>
    public void Add(string statementJson, DateTimeOffset stored) => Add(statementJson, stored, ++_added);

    /// <summary>
    /// Takes the stored statement with ledger position <paramref name="seq"/> into account; statements by others or about
    /// non-Activities are ignored. Returns the key it changed, or null.
    /// </summary>
    public TranscriptKey? Add(string statementJson, DateTimeOffset stored, long seq) =>
        TranscriptStatement.Read(statementJson, stored) is { } statement && statement.LearnerKey == agentKey ? Add(statement, seq) : null;

    /// <summary>Takes a statement already read into account; it must be the learner's.</summary>
    public TranscriptKey Add(TranscriptStatement statement, long seq)
    {
        _added = Math.Max(_added, seq);
        var slot = (statement.ActivityId, statement.Registration ?? Guid.Empty);
        if (!_keys.TryGetValue(slot, out var key))
        {
            _keys[slot] = key = new TranscriptKey(statement.ActivityId, statement.Registration, statement.At);
        }

        key.Add(statement, seq);
        return key;
    }

    /// <summary>The transcript, or null when none of the statements added was the learner's about a course.</summary>
    public Transcript? Build(string? displayName, DateTimeOffset generatedAt)
    {
        var courses = _keys.Values.GroupBy(k => k.ActivityId, StringComparer.Ordinal)
            .Where(a => a.Any(k => k.Standalone))
            .Select(ToCourse)
            .OrderBy(c => c.Started).ThenBy(c => c.CourseId, StringComparer.Ordinal).ToList();
        if (courses.Count == 0)
        {
            return null;
        }

        var actorName = _keys.Values.Where(k => k.ActorName is not null).MaxBy(k => k.ActorNameSeq)?.ActorName;
        var name = displayName ?? actorName ?? Portal.LearnerKeys.Display(agentKey);
        return new Transcript(new TranscriptLearner(agentKey, name), generatedAt, courses);
    }

    private static CourseRecord ToCourse(IGrouping<string, TranscriptKey> activity)
    {
        var id = activity.Key;
        var keys = activity.ToList();
        var title = keys.Where(k => k.Title is not null).MaxBy(k => k.TitleSeq)?.Title ?? string.Empty;
        var attempts = keys.OrderBy(k => k.Opened).ThenBy(k => k.Registration)
            .Select((k, i) => k.ToRecord(i + 1)).ToList();
        var completed = keys.Select(k => k.CompletedAt).Where(c => c is not null).Min();
        var status = attempts.Any(a => a.Outcome == AttemptOutcomes.Passed) ? CourseStatus.Passed
            : completed is not null ? CourseStatus.Completed
            : attempts.LastOrDefault(a => a.State == AttemptState.Closed)?.Outcome == AttemptOutcomes.Failed ? CourseStatus.Failed
            : CourseStatus.InProgress;
        var progress = keys.Select(k => k.Progress).Where(p => p is not null).Max();
        double? percent = completed is not null ? 100 : progress is { } p ? Math.Clamp(p, 0, 100) : null;
        IReadOnlyList<CompletionRecord> completions = completed is { } c ? [new CompletionRecord(id, c)] : [];
        return new CourseRecord(id, title.Length > 0 ? title : id, status, percent, attempts.Min(a => a.Opened), completed, attempts, completions);
    }
}
