using Lrs.Domain.Courses;

namespace Lrs.Application.Courses;

/// <summary>A course as stored: its document (the JSON of <see cref="CourseDocument"/>) and when it was created and last replaced.</summary>
public sealed record StoredCourse(string Id, string Document, DateTimeOffset Created, DateTimeOffset Updated);

/// <summary>
/// Courses of one tenant: the document plus one <c>course_items</c> row per lesson, quiz and assignment, replaced
/// together in one transaction, so progress queries can map a statement's activity to its course and module.
/// </summary>
public interface ICourseStore
{
    /// <summary>Inserts or replaces the course; true when it was created.</summary>
    Task<bool> SaveAsync(Guid tenantId, Course course, string document, DateTimeOffset now, CancellationToken ct);

    Task<StoredCourse?> FindAsync(Guid tenantId, string id, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> courses ordered by id (ordinal), with ids after <paramref name="after"/> when given.</summary>
    Task<IReadOnlyList<StoredCourse>> ListAsync(Guid tenantId, string? after, int limit, CancellationToken ct);

    /// <summary>The courses with a lesson, quiz or assignment of <paramref name="activityId"/>, ordered by id (ordinal).</summary>
    Task<IReadOnlyList<StoredCourse>> ContainingActivityAsync(Guid tenantId, string activityId, CancellationToken ct);
}
