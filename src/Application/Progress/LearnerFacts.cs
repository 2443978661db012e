namespace Lrs.Application.Progress;

/// <summary>
/// Something that became true of a learner in one projection batch: the data-model seed's published events, before they are
/// events (<see cref="LearnerEvents"/>). <see cref="Id"/> is derived from what the fact says (never from when it was found), so
/// recomputing or rebuilding the projection finds the same fact under the same id, which is also its event's message id.
/// </summary>
public abstract record LearnerFact(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt)
{
    /// <summary>The seed's event name.</summary>
    public abstract string Type { get; }

    /// <summary>The fact's id: <see cref="Events.MessageContracts.DeterministicId"/> of its kind and identity, times as UTC ticks.</summary>
    internal static Guid IdOf(string kind, params object?[] parts) =>
        Events.MessageContracts.DeterministicId(kind, [.. parts.Select(p => p is DateTimeOffset t ? t.UtcTicks : p)]);
}

/// <summary>An item of a course was completed; <paramref name="PercentComplete"/> is the course's percentage after it.</summary>
public sealed record ProgressUpdated(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt,
    string CourseId, string ModuleId, string ActivityId, decimal PercentComplete) : LearnerFact(Id, TenantId, LearnerKey, OccurredAt)
{
    public override string Type => nameof(ProgressUpdated);
}

public sealed record CourseCompleted(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt, string CourseId)
    : LearnerFact(Id, TenantId, LearnerKey, OccurredAt)
{
    public override string Type => nameof(CourseCompleted);
}

public sealed record QuizCompleted(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt,
    string CourseId, string QuizId, string ActivityId, Guid? Registration, int AttemptNumber, decimal? Score, bool Passed)
    : LearnerFact(Id, TenantId, LearnerKey, OccurredAt)
{
    public override string Type => nameof(QuizCompleted);
}

public sealed record AssignmentSubmitted(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt,
    string CourseId, string AssignmentId, Guid SubmissionId) : LearnerFact(Id, TenantId, LearnerKey, OccurredAt)
{
    public override string Type => nameof(AssignmentSubmitted);
}

public sealed record AchievementEarned(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt,
    string AchievementId, string AchievementName) : LearnerFact(Id, TenantId, LearnerKey, OccurredAt)
{
    public override string Type => nameof(AchievementEarned);
}

public sealed record CompetencyAcquired(Guid Id, Guid TenantId, string LearnerKey, DateTimeOffset OccurredAt,
    string CompetencyId, string CompetencyName, int Level) : LearnerFact(Id, TenantId, LearnerKey, OccurredAt)
{
    public override string Type => nameof(CompetencyAcquired);
}

/// <summary>A learner's read-model rows a fact can come from, as they stand before or after a recompute.</summary>
public sealed record LearnerSnapshot(
    IReadOnlyList<CourseProgressView> Courses,
    IReadOnlyList<LessonProgressView> Items,
    IReadOnlyList<QuizAttemptView> QuizAttempts,
    IReadOnlyList<AssignmentSubmissionView> Submissions,
    IReadOnlyList<EarnedAchievementView> Achievements,
    IReadOnlyList<UserCompetencyView> Competencies)
{
    public static LearnerSnapshot Empty { get; } = new([], [], [], [], [], []);
}

public static class LearnerFacts
{
    /// <summary>
    /// The facts true in <paramref name="after"/> and not in <paramref name="before"/>: an item newly completed (at that time),
    /// a course newly completed, a quiz attempt newly completed, a new submission, an achievement newly earned, a competency newly
    /// mastered. Equal snapshots give none.
    /// </summary>
    public static IReadOnlyList<LearnerFact> Between(Guid tenantId, string learnerKey, LearnerSnapshot before, LearnerSnapshot after)
    {
        var facts = new List<LearnerFact>();
        var percent = after.Courses.ToDictionary(c => c.CourseId, c => c.Percent, StringComparer.Ordinal);

        var completedItems = before.Items.Where(i => i.CompletedAt is not null).Select(i => (i.CourseId, i.ActivityId, i.CompletedAt)).ToHashSet();
        facts.AddRange(after.Items
            .Where(i => i.CompletedAt is not null && !completedItems.Contains((i.CourseId, i.ActivityId, i.CompletedAt)))
            .Select(i => new ProgressUpdated(LearnerFact.IdOf(nameof(ProgressUpdated), tenantId, learnerKey, i.CourseId, i.ActivityId, i.CompletedAt),
                tenantId, learnerKey, i.CompletedAt!.Value, i.CourseId, i.ModuleId, i.ActivityId, percent.GetValueOrDefault(i.CourseId))));

        var completedCourses = before.Courses.Where(c => c.CompletedAt is not null).Select(c => (c.CourseId, c.CompletedAt)).ToHashSet();
        facts.AddRange(after.Courses
            .Where(c => c.CompletedAt is not null && !completedCourses.Contains((c.CourseId, c.CompletedAt)))
            .Select(c => new CourseCompleted(LearnerFact.IdOf(nameof(CourseCompleted), tenantId, learnerKey, c.CourseId, c.CompletedAt),
                tenantId, learnerKey, c.CompletedAt!.Value, c.CourseId)));

        static bool Done(QuizAttemptView q) => q.Status == LearnerDerivation.Completed && q.CompletedAt is not null;
        var quizzes = before.QuizAttempts.Where(Done).Select(q => (q.CourseId, q.ActivityId, q.Registration, q.AttemptNumber, q.CompletedAt)).ToHashSet();
        facts.AddRange(after.QuizAttempts
            .Where(q => Done(q) && !quizzes.Contains((q.CourseId, q.ActivityId, q.Registration, q.AttemptNumber, q.CompletedAt)))
            .Select(q => new QuizCompleted(
                LearnerFact.IdOf(nameof(QuizCompleted), tenantId, learnerKey, q.CourseId, q.ActivityId, q.Registration, q.AttemptNumber, q.CompletedAt),
                tenantId, learnerKey, q.CompletedAt!.Value, q.CourseId, q.QuizId, q.ActivityId, q.Registration, q.AttemptNumber, q.ScorePercent, q.Passed)));

        var submitted = before.Submissions.Select(s => (s.CourseId, s.SubmissionId)).ToHashSet();
        facts.AddRange(after.Submissions
            .Where(s => !submitted.Contains((s.CourseId, s.SubmissionId)))
            .Select(s => new AssignmentSubmitted(LearnerFact.IdOf(nameof(AssignmentSubmitted), tenantId, learnerKey, s.CourseId, s.SubmissionId),
                tenantId, learnerKey, s.SubmittedAt, s.CourseId, s.AssignmentId, s.SubmissionId)));

        var earned = before.Achievements.Select(a => (a.AchievementId, a.EarnedAt)).ToHashSet();
        facts.AddRange(after.Achievements
            .Where(a => !earned.Contains((a.AchievementId, a.EarnedAt)))
            .Select(a => new AchievementEarned(LearnerFact.IdOf(nameof(AchievementEarned), tenantId, learnerKey, a.AchievementId, a.EarnedAt),
                tenantId, learnerKey, a.EarnedAt, a.AchievementId, a.Name)));

        var mastered = before.Competencies.Where(c => c.AcquiredAt is not null).Select(c => (c.CompetencyId, c.AcquiredAt)).ToHashSet();
        facts.AddRange(after.Competencies
            .Where(c => c.AcquiredAt is not null && !mastered.Contains((c.CompetencyId, c.AcquiredAt)))
            .Select(c => new CompetencyAcquired(LearnerFact.IdOf(nameof(CompetencyAcquired), tenantId, learnerKey, c.CompetencyId, c.AcquiredAt),
                tenantId, learnerKey, c.AcquiredAt!.Value, c.CompetencyId, c.Name, c.Level)));
        return facts;
    }
}
