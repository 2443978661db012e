namespace Lrs.Domain.Courses;

/// <summary>An assignment: work the learner submits, due at a fixed date or a span after starting the course.</summary>
public sealed record Assignment
{
    private Assignment(string id, string title, string activityId, TimeSpan? dueOffset, DateTimeOffset? dueDate)
    {
        Id = id;
        Title = title;
        ActivityId = activityId;
        DueOffset = dueOffset;
        DueDate = dueDate;
    }

    public string Id { get; }

    public string Title { get; }

    public string ActivityId { get; }

    /// <summary>How long after the learner starts the course the assignment is due.</summary>
    public TimeSpan? DueOffset { get; }

    /// <summary>When the assignment is due for everyone.</summary>
    public DateTimeOffset? DueDate { get; }

    public static Assignment Create(string? id, string? title, string? activityId, TimeSpan? dueOffset = null, DateTimeOffset? dueDate = null)
    {
        if (dueOffset is not null && dueDate is not null)
        {
            throw new DomainException("dueOffset and dueDate exclude each other: give one or neither.");
        }

        if (dueOffset <= TimeSpan.Zero)
        {
            throw new DomainException($"dueOffset must be a positive duration, got {dueOffset}.");
        }

        return new Assignment(Identifiers.Id(id, "id"), Identifiers.Title(title, "title"), Identifiers.ActivityId(activityId, "activityId"),
            dueOffset, dueDate);
    }
}
