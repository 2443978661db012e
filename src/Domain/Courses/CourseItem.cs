namespace Lrs.Domain.Courses;

public enum CourseItemKind
{
    Lesson,
    Quiz,
    Assignment,
}

/// <summary>
/// One lesson, quiz or assignment of a course, flattened with its module: what progress queries need to find a
/// statement's course from its activity id and to count a course's or module's totals.
/// </summary>
/// <param name="ModuleId">The module holding the item.</param>
/// <param name="ItemId">The item's id within the course.</param>
/// <param name="Kind">Lesson, quiz or assignment.</param>
/// <param name="ActivityId">The activity IRI statements about the item use.</param>
/// <param name="Position">The item's place in the course, counting from 0 in document order.</param>
public sealed record CourseItem(string ModuleId, string ItemId, CourseItemKind Kind, string ActivityId, int Position);
