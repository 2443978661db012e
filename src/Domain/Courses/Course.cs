namespace Lrs.Domain.Courses;

/// <summary>
/// A course: modules of lessons (cmi5 AUs), quizzes and assignments, each found in statements by its activity id.
/// Ids are unique within the course, and so are activity ids, so a statement names at most one item of a course.
/// </summary>
public sealed class Course
{
    private readonly List<Module> _modules = [];

    private Course()
    {
        Id = Title = string.Empty;
    }

    /// <summary>An absolute IRI (the cmi5 course id) or a slug.</summary>
    public string Id { get; private set; }

    public string Title { get; private set; }

    public IReadOnlyList<Module> Modules => _modules;

    /// <summary>How the course as a whole is graded; its weights name activity ids of the course's items. Null: not graded.</summary>
    public GradingRuleSpec? GradingRule { get; private set; }

    public static Course Define(string? id, string? title, IEnumerable<Module>? modules, GradingRuleSpec? gradingRule = null)
    {
        var course = new Course { Id = Identifiers.Id(id, "id"), Title = Identifiers.Title(title, "title"), GradingRule = gradingRule };
        course._modules.AddRange(modules ?? []);
        course.CheckStructure();
        return course;
    }

    /// <summary>Every lesson, quiz and assignment with its module, in document order.</summary>
    public IReadOnlyList<CourseItem> Items()
    {
        var items = new List<CourseItem>();
        foreach (var module in _modules)
        {
            foreach (var lesson in module.Lessons)
            {
                items.Add(new CourseItem(module.Id, lesson.Id, CourseItemKind.Lesson, lesson.ActivityId, items.Count));
            }

            foreach (var quiz in module.Quizzes)
            {
                items.Add(new CourseItem(module.Id, quiz.Id, CourseItemKind.Quiz, quiz.ActivityId, items.Count));
            }

            foreach (var assignment in module.Assignments)
            {
                items.Add(new CourseItem(module.Id, assignment.Id, CourseItemKind.Assignment, assignment.ActivityId, items.Count));
            }
        }

        return items;
    }

    private void CheckStructure()
    {
        if (!_modules.Any(m => m.Lessons.Count > 0))
        {
            throw new DomainException("modules must contain at least one lesson.");
        }

        var moduleIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var itemIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var activityIds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var m = 0; m < _modules.Count; m++)
        {
            var module = _modules[m];
            Claim(moduleIds, module.Id, $"modules[{m}]", "id");
            foreach (var (kind, id, activity, index) in ItemsOf(module))
            {
                var path = $"modules[{m}].{kind}[{index}]";
                Claim(itemIds, id, path, "id");
                Claim(activityIds, activity, path, "activityId");
            }
        }

        GradingRule?.RequireWeightsAmong(activityIds.Keys.ToHashSet(StringComparer.Ordinal), "the activityId of an item of the course");
    }

    private static IEnumerable<(string Kind, string Id, string ActivityId, int Index)> ItemsOf(Module module) =>
        module.Lessons.Select((l, i) => ("lessons", l.Id, l.ActivityId, i))
            .Concat(module.Quizzes.Select((q, i) => ("quizzes", q.Id, q.ActivityId, i)))
            .Concat(module.Assignments.Select((a, i) => ("assignments", a.Id, a.ActivityId, i)));

    private static void Claim(Dictionary<string, string> seen, string value, string path, string property)
    {
        if (!seen.TryAdd(value, path))
        {
            throw new DomainException($"{path}.{property} '{value}' is already used by {seen[value]}; {property}s must be unique within a course.");
        }
    }
}
