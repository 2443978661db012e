using Lrs.Domain.Progress;

namespace Lrs.Application.Progress;

/// <summary>
/// Derives the data-model seed's learner read models (docs/decisions/0008) from the per-key and per-course ones. Pure: each
/// result is a function of its inputs alone, so the projector can recompute it whole on every change, in any arrival order.
/// </summary>
public static class LearnerDerivation
{
    public const string NotStarted = "not-started";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";

    /// <summary>One row per module of the course, in course order, from the course's items and the learner's records of them.</summary>
    public static IReadOnlyList<ModuleProgressView> Modules(string learnerKey, string courseId, IEnumerable<ItemState> items) =>
        items.GroupBy(i => i.ModuleId, StringComparer.Ordinal)
            .OrderBy(m => m.Min(i => i.Position))
            .Select((module, position) =>
            {
                var all = module.ToList();
                int Count(string kind, bool completed) => all.Count(i => i.Kind == kind && (!completed || i.CompletedAt is not null));
                var done = all.Count(i => i.CompletedAt is not null);
                var complete = done == all.Count;
                return new ModuleProgressView(learnerKey, courseId, module.Key, position, Status(all.Any(i => i.ViewedAt is not null), complete),
                    Percent(done, all.Count),
                    Count("lesson", false), Count("lesson", true), Count("quiz", false), Count("quiz", true),
                    Count("assignment", false), Count("assignment", true),
                    Min(all.Select(i => i.ViewedAt)), complete ? Max(all.Select(i => i.CompletedAt)) : null, Max(all.Select(i => i.LastActivityAt)));
            })
            .ToList();

    /// <summary>
    /// The learner's attempts at <paramref name="quiz"/> as quiz attempts, each with the last answer to each question in the order
    /// answered. <paramref name="questionIds"/> are the quiz's declared questions; without them the questions answered are the total.
    /// </summary>
    public static IReadOnlyList<QuizAttemptView> QuizAttempts(
        string learnerKey, string courseId, ItemState quiz, IReadOnlyCollection<string> questionIds, IEnumerable<AttemptView> attempts) =>
        attempts.Where(a => a.ActivityId == quiz.ActivityId)
            .OrderBy(a => a.Registration ?? Guid.Empty).ThenBy(a => a.Number)
            .Select(a => QuizAttempt(learnerKey, courseId, quiz, questionIds, a))
            .ToList();

    private static QuizAttemptView QuizAttempt(string learnerKey, string courseId, ItemState quiz, IReadOnlyCollection<string> questionIds, AttemptView attempt)
    {
        var declared = questionIds.ToHashSet(StringComparer.Ordinal);
        var answers = attempt.Interactions
            .GroupBy(i => i.InteractionId, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(i => i.Timestamp).ThenBy(i => i.InteractionId, StringComparer.Ordinal)
            .ToList();
        var responses = new List<QuizQuestionResponseView>();
        var previous = attempt.OpenedAt;
        foreach (var answer in answers)
        {
            responses.Add(new QuizQuestionResponseView(responses.Count, answer.InteractionId, answer.Response, answer.Correct, answer.RawScore,
                Seconds(previous, answer.Timestamp), answer.Timestamp));
            previous = Later(previous, answer.Timestamp);
        }

        var counted = declared.Count == 0 ? answers : answers.Where(a => declared.Contains(a.InteractionId)).ToList();
        var total = declared.Count == 0 ? answers.Count : declared.Count;
        var correct = counted.Count(a => a.Correct == true);
        var status = attempt.State == AttemptState.Open ? InProgress : attempt.Outcome == AttemptOutcome.Abandoned ? "abandoned" : Completed;
        var end = attempt.ClosedAt ?? (answers.Count > 0 ? previous : attempt.OpenedAt);
        return new QuizAttemptView(learnerKey, courseId, quiz.ModuleId, quiz.ItemId, quiz.ActivityId, attempt.Registration, attempt.Number, status,
            ScorePercent(attempt, correct, total, counted.Count), total, correct, counted.Count(a => a.Correct == false), total - counted.Count,
            Seconds(attempt.OpenedAt, end), attempt.Outcome == AttemptOutcome.Passed, attempt.OpenedAt, attempt.ClosedAt, responses);
    }

    private static decimal? ScorePercent(AttemptView attempt, int correct, int total, int answered)
    {
        if (attempt.ScoreScaled is { } scaled)
        {
            return Round((decimal)scaled * 100);
        }

        var min = attempt.ScoreMin ?? 0;
        if (attempt.ScoreRaw is { } raw && attempt.ScoreMax is { } max && max > min)
        {
            return Round((decimal)((raw - min) / (max - min)) * 100);
        }

        return answered > 0 ? Percent(correct, total) : null;
    }

    /// <summary>
    /// The learner's submissions of <paramref name="assignment"/> from their non-voided statements about its activity, in timestamp
    /// order: each <c>submit</c> is a submission; a later grading statement (<c>scored</c>, <c>passed</c>, <c>failed</c>, or any with a
    /// score) grades the latest submission before it, a later one regrading it.
    /// </summary>
    public static IReadOnlyList<AssignmentSubmissionView> Submissions(
        string learnerKey, string courseId, ItemState assignment, IEnumerable<LedgerStatement> statements)
    {
        var submissions = new List<AssignmentSubmissionView>();
        foreach (var s in statements.Where(s => s.ObjectId == assignment.ActivityId && s.ActorKey == learnerKey && !s.IsVoiding)
                     .OrderBy(s => s.Timestamp).ThenBy(s => s.Id))
        {
            if (s.VerbId == ProgressVerbs.Submitted)
            {
                var response = s.Result?.Response;
                var link = Uri.TryCreate(response, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
                submissions.Add(new AssignmentSubmissionView(learnerKey, courseId, assignment.ModuleId, assignment.ItemId, assignment.ActivityId, s.Id,
                    "submitted", response is null ? null : link ? "link" : "text", link ? null : response, link ? response : null,
                    null, null, null, null, s.Timestamp, null));
            }

            var grades = s.VerbId is ProgressVerbs.Scored or ProgressVerbs.Passed or ProgressVerbs.Failed || s.Result?.HasScore == true;
            if (grades && submissions.Count > 0)
            {
                var graded = submissions[^1];
                submissions[^1] = graded with
                {
                    Status = "graded",
                    Score = s.Result?.Raw ?? s.Result?.Scaled,
                    MaxScore = s.Result?.Max,
                    Feedback = s.VerbId == ProgressVerbs.Submitted ? null : s.Result?.Response,
                    GradedBy = s.InstructorKey,
                    GradedAt = s.Timestamp,
                };
            }
        }

        return submissions;
    }

    /// <summary>The learner's progress along a path of <paramref name="courseIds"/> (in order); null when they started none of them.</summary>
    public static LearningPathProgressView? LearningPath(
        string learnerKey, string pathId, IReadOnlyList<string> courseIds, IReadOnlyDictionary<string, CourseProgressView> progress)
    {
        var started = courseIds.Where(progress.ContainsKey).Select(c => progress[c]).ToList();
        if (started.Count == 0)
        {
            return null;
        }

        var done = started.Count(p => p.Status == Completed);
        var complete = done == courseIds.Count;
        return new LearningPathProgressView(learnerKey, pathId, Status(true, complete), Percent(done, courseIds.Count), courseIds.Count, done,
            courseIds.FirstOrDefault(c => !progress.TryGetValue(c, out var p) || p.Status != Completed),
            Min(started.Select(p => p.StartedAt)), complete ? Max(started.Select(p => p.CompletedAt)) : null, Max(started.Select(p => p.LastActivityAt)));
    }

    /// <summary>The learner's totals over the courses they started; null when they started none.</summary>
    public static UserProgressView? User(string learnerKey, IReadOnlyList<CourseProgressView> courses, IEnumerable<ModuleProgressView> modules, int points)
    {
        if (courses.Count == 0)
        {
            return null;
        }

        var started = courses.Select(c => c.CourseId).ToHashSet(StringComparer.Ordinal);
        var counted = modules.Where(m => started.Contains(m.CourseId)).ToList();
        var completed = courses.Count(c => c.Status == Completed);
        return new UserProgressView(learnerKey, courses.Count, completed, courses.Count - completed,
            counted.Sum(m => m.TotalLessons), counted.Sum(m => m.CompletedLessons), counted.Sum(m => m.TotalQuizzes), counted.Sum(m => m.CompletedQuizzes),
            counted.Sum(m => m.TotalAssignments), counted.Sum(m => m.CompletedAssignments), points, Max(courses.Select(c => c.LastActivityAt)));
    }

    /// <summary>
    /// Points earned: per quiz activity the best raw score of the learner's attempts, plus per assignment activity the score of the
    /// latest graded submission, rounded half away from zero.
    /// </summary>
    public static int Points(IEnumerable<AttemptView> quizAttempts, IEnumerable<AssignmentSubmissionView> submissions)
    {
        var quizzes = quizAttempts.Where(a => a.ScoreRaw is not null)
            .GroupBy(a => a.ActivityId, StringComparer.Ordinal)
            .Sum(g => g.Max(a => a.ScoreRaw!.Value));
        var assignments = submissions.Where(s => s.Score is not null)
            .GroupBy(s => s.ActivityId, StringComparer.Ordinal)
            .Sum(g => g.OrderBy(s => s.SubmittedAt).ThenBy(s => s.SubmissionId).Last().Score!.Value);
        return (int)Math.Round(quizzes + assignments, MidpointRounding.AwayFromZero);
    }

    /// <summary><paramref name="done"/> / <paramref name="total"/> × 100, rounded half away from zero to 2 decimals; 0 of nothing is 0.</summary>
    public static decimal Percent(int done, int total) => total == 0 ? 0 : Round(done * 100m / total);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Status(bool started, bool complete) => complete ? Completed : started ? InProgress : NotStarted;

    private static int Seconds(DateTimeOffset from, DateTimeOffset to) => to > from ? (int)Math.Min(int.MaxValue, Math.Floor((to - from).TotalSeconds)) : 0;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset? Min(IEnumerable<DateTimeOffset?> values) => values.Where(v => v is not null).DefaultIfEmpty().Min();

    private static DateTimeOffset? Max(IEnumerable<DateTimeOffset?> values) => values.Where(v => v is not null).DefaultIfEmpty().Max();
}
