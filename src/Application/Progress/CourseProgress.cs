namespace Lrs.Application.Progress;

/// <summary>A learner's progress in one course (progress-schema seed: course progress percentage).</summary>
/// <remarks>Status: not-started, in-progress or completed. Percent: completedLessons / totalLessons × 100, rounded to 2 decimals.</remarks>
public sealed record CourseProgressView(
    string LearnerKey, string CourseId, string Status, int CompletedLessons, int TotalLessons, decimal Percent,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LastActivityAt);

/// <summary>A learner's view record of one course item (progress-schema seed: lesson view records, completion timestamps).</summary>
/// <remarks>Kind: lesson, quiz or assignment. Position: The item's place in the course, from 0. ViewedAt: The learner's first statement about the item. CompletedAt: The earliest completion or pass of the item; null while not completed.</remarks>
public sealed record LessonProgressView(
    string LearnerKey, string CourseId, string ModuleId, string ActivityId, string Kind, int Position,
    DateTimeOffset ViewedAt, DateTimeOffset? CompletedAt, DateTimeOffset LastActivityAt);

/// <summary>How many learners started and completed a course.</summary>
public sealed record CourseCompletionCount(string CourseId, int Started, int Completed);

/// <summary>How many learners viewed a lesson, and how many of them have not completed it.</summary>
public sealed record LessonViewCount(string ModuleId, string ActivityId, int Position, int Viewed, int NotCompleted);

/// <summary>
/// Reads <c>course_progress</c> and <c>lesson_progress</c> (maintained by the progress projector). Lists are ordered as
/// documented per method and start after the given keyset position.
/// </summary>
public interface ICourseProgressReader
{
    /// <summary>The learner's courses by course id (ordinal), after <paramref name="afterCourse"/>.</summary>
    Task<IReadOnlyList<CourseProgressView>> CoursesOfLearnerAsync(Guid tenantId, string learnerKey, string? afterCourse, int limit, CancellationToken ct);

    /// <summary>The learner's item records by course id and position, optionally of one course, after (course, position).</summary>
    Task<IReadOnlyList<LessonProgressView>> ItemsOfLearnerAsync(
        Guid tenantId, string learnerKey, string? courseId, (string CourseId, int Position)? after, int limit, CancellationToken ct);

    /// <summary>Every course of the tenant by id, with its started and completed learner counts.</summary>
    Task<IReadOnlyList<CourseCompletionCount>> CompletionCountsAsync(Guid tenantId, string? afterCourse, int limit, CancellationToken ct);

    /// <summary>The course's lessons by position with their view counts, after <paramref name="afterPosition"/>.</summary>
    Task<IReadOnlyList<LessonViewCount>> LessonViewsAsync(Guid tenantId, string courseId, int? afterPosition, int limit, CancellationToken ct);

    /// <summary>Every learner's progress in the course, by learner key (ordinal).</summary>
    Task<IReadOnlyList<CourseProgressView>> LearnersOfCourseAsync(Guid tenantId, string courseId, CancellationToken ct);

    /// <summary>Every learner's records of the course's items of <paramref name="kind"/>.</summary>
    Task<IReadOnlyList<LessonProgressView>> ItemsOfCourseAsync(Guid tenantId, string courseId, string kind, CancellationToken ct);
}
