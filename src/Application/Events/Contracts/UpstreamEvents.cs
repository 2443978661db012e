namespace Lrs.Application.Events.Contracts;

// Consumed from upstream services (seed 000 §5, seed 002 "Consumed Events"); each becomes statements in the ledger or
// course structure (README, "Consumed events"). Users are platform user ids, recorded as xAPI account agents.
// Activity, course and lesson ids are absolute IRIs.

/// <summary>delivery-service: a learner started a play session of content.</summary>
[MessageName("delivery.play_session.started.v1")]
public sealed record PlaySessionStarted : ITenantMessage
{
    public required Guid TenantId { get; init; }

    /// <summary>Becomes the statements' registration.</summary>
    public required Guid SessionId { get; init; }

    public required string UserId { get; init; }

    public required string ActivityId { get; init; }

    public string? CourseId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}

/// <summary>delivery-service: the learner moved to another lesson within the session.</summary>
[MessageName("delivery.play_session.navigated.v1")]
public sealed record PlaySessionNavigated : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid SessionId { get; init; }

    public required string UserId { get; init; }

    public required string ActivityId { get; init; }

    public string? CourseId { get; init; }

    /// <summary>The lesson navigated to.</summary>
    public required string LessonId { get; init; }

    public required DateTimeOffset NavigatedAt { get; init; }
}

/// <summary>delivery-service: the play session ended.</summary>
[MessageName("delivery.play_session.completed.v1")]
public sealed record PlaySessionCompleted : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid SessionId { get; init; }

    public required string UserId { get; init; }

    public required string ActivityId { get; init; }

    public string? CourseId { get; init; }

    public double? DurationSeconds { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}

/// <summary>assessment-service: an assessment attempt was scored (the LRS does not grade, seed 000 §4).</summary>
[MessageName("assessment.attempt_result.scored.v1")]
public sealed record AttemptResultScored : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid AttemptId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The assessment (quiz) activity.</summary>
    public required string ActivityId { get; init; }

    public string? CourseId { get; init; }

    /// <summary>The play session the attempt belongs to; becomes the registration.</summary>
    public Guid? SessionId { get; init; }

    public required double ScoreRaw { get; init; }

    public double? ScoreMin { get; init; }

    public required double ScoreMax { get; init; }

    public required bool Passed { get; init; }

    public required DateTimeOffset ScoredAt { get; init; }
}

/// <summary>course-service: a user enrolled in a course.</summary>
[MessageName("course.user_enrolled.v1")]
public sealed record UserEnrolled : ITenantMessage
{
    public required Guid TenantId { get; init; }

    /// <summary>Enrollment id; becomes the registration.</summary>
    public required Guid Id { get; init; }

    public required string CourseId { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset EnrolledAt { get; init; }
}

/// <summary>course-service: a course's title changed.</summary>
[MessageName("course.course_updated.v1")]
public sealed record CourseUpdated : ITenantMessage
{
    public required Guid TenantId { get; init; }

    /// <summary>Course id.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>course-service: a user completed a lesson.</summary>
[MessageName("course.lesson_completed.v1")]
public sealed record LessonCompleted : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string UserId { get; init; }

    public required string CourseId { get; init; }

    public string? ModuleId { get; init; }

    public required string LessonId { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}
