namespace Lrs.Application.Events.Contracts;

// The data-model seed's published events (seed 002 "Published Events"), with the tenant added and the seed's UserID
// being the learner's identifier key.

[MessageName("progress.updated.v1")]
public sealed record ProgressUpdated : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string CourseId { get; init; }

    public string? ModuleId { get; init; }

    public string? LessonId { get; init; }

    public required double PercentComplete { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

[MessageName("progress.course.completed.v1")]
public sealed record CourseCompleted : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string CourseId { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}

[MessageName("progress.quiz.completed.v1")]
public sealed record QuizCompleted : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string CourseId { get; init; }

    public required string QuizId { get; init; }

    /// <summary>Percentage, 0–100.</summary>
    public required double Score { get; init; }

    public required bool Passed { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}

[MessageName("progress.assignment.submitted.v1")]
public sealed record AssignmentSubmitted : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string CourseId { get; init; }

    public required string AssignmentId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
}

[MessageName("progress.achievement.earned.v1")]
public sealed record AchievementEarned : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string AchievementId { get; init; }

    public required string AchievementName { get; init; }

    public required DateTimeOffset EarnedAt { get; init; }
}

[MessageName("progress.competency.acquired.v1")]
public sealed record CompetencyAcquired : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string CompetencyId { get; init; }

    public required string CompetencyName { get; init; }

    /// <summary>0–100.</summary>
    public required int Level { get; init; }

    public required DateTimeOffset AcquiredAt { get; init; }
}
