namespace Lrs.Application.Transcripts;

/// <summary>What one learner has done, per course: the record a transcript shows and the PDF renders.</summary>
public sealed record Transcript(TranscriptLearner Learner, DateTimeOffset GeneratedAt, IReadOnlyList<CourseRecord> Courses)
{
    /// <summary>The learner's projected progress (docs/decisions/0008): defined courses, learning paths, quizzes, submissions, totals.</summary>
    public TranscriptProgress? Progress { get; init; }
}

/// <summary>
/// The learner's rows of the progress read models: enrolments (courses started, with status, percentage, completion date), module
/// progress, quiz attempts with scores, assignment submissions with grades, learning paths, competencies, achievements and totals.
/// </summary>
public sealed record TranscriptProgress(
    Progress.UserProgressView? Totals,
    IReadOnlyList<Progress.CourseProgressView> Enrollments,
    IReadOnlyList<Progress.ModuleProgressView> Modules,
    IReadOnlyList<Progress.QuizAttemptView> QuizAttempts,
    IReadOnlyList<Progress.AssignmentSubmissionView> Submissions,
    IReadOnlyList<Progress.LearningPathProgressView> LearningPaths,
    IReadOnlyList<Progress.UserCompetencyView> Competencies,
    IReadOnlyList<Progress.EarnedAchievementView> Achievements);

/// <summary>The learner: the IFI key of their Agent (e.g. <c>mbox:mailto:ann@example.com</c>) and the name to print.</summary>
public sealed record TranscriptLearner(string AgentKey, string DisplayName);

/// <summary>One course (or top-level activity) the learner has statements about.</summary>
/// <remarks><c>PercentComplete</c> is 0–100, or null when nothing says how far the learner got.</remarks>
public sealed record CourseRecord(
    string CourseId,
    string Title,
    CourseStatus Status,
    double? PercentComplete,
    DateTimeOffset Started,
    DateTimeOffset? Completed,
    IReadOnlyList<AttemptRecord> Attempts,
    IReadOnlyList<CompletionRecord> Completions);

public enum CourseStatus
{
    InProgress,
    Completed,
    Passed,
    Failed,
}

/// <summary>One attempt at an activity, numbered from 1 in the order they were opened.</summary>
/// <remarks><c>Outcome</c> is what the attempt came to: one of <see cref="AttemptOutcomes"/>.</remarks>
public sealed record AttemptRecord(
    string ActivityId,
    int Number,
    Guid? Registration,
    DateTimeOffset Opened,
    DateTimeOffset? Closed,
    AttemptState State,
    string Outcome,
    AttemptScore? Score,
    bool? Success);

/// <summary>The outcomes an attempt can have; new ones may be added, none removed.</summary>
public static class AttemptOutcomes
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Completed = "completed";
    public const string Abandoned = "abandoned";
    public const string Terminated = "terminated";
    public const string InProgress = "in-progress";
}

public enum AttemptState
{
    Open,
    Closed,
}

/// <summary>The score of an attempt as xAPI reports it (Data §2.4.5.1).</summary>
public sealed record AttemptScore(double? Scaled, double? Raw, double? Min, double? Max);

/// <summary>The learner completed an activity; recorded once per activity, at the first completion.</summary>
public sealed record CompletionRecord(string ActivityId, DateTimeOffset CompletedAt);
