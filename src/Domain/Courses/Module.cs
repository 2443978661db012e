namespace Lrs.Domain.Courses;

/// <summary>A module (a cmi5 block): a titled group of lessons, quizzes and assignments.</summary>
public sealed record Module
{
    private Module(string id, string title, IReadOnlyList<Lesson> lessons, IReadOnlyList<Quiz> quizzes, IReadOnlyList<Assignment> assignments)
    {
        Id = id;
        Title = title;
        Lessons = lessons;
        Quizzes = quizzes;
        Assignments = assignments;
    }

    public string Id { get; }

    public string Title { get; }

    public IReadOnlyList<Lesson> Lessons { get; }

    public IReadOnlyList<Quiz> Quizzes { get; }

    public IReadOnlyList<Assignment> Assignments { get; }

    /// <summary>Creates a module; it needs at least one item, or its progress would have nothing to count.</summary>
    public static Module Create(string? id, string? title, IEnumerable<Lesson>? lessons = null, IEnumerable<Quiz>? quizzes = null,
        IEnumerable<Assignment>? assignments = null)
    {
        var module = new Module(Identifiers.Id(id, "id"), Identifiers.Title(title, "title"),
            [.. lessons ?? []], [.. quizzes ?? []], [.. assignments ?? []]);
        if (module.Lessons.Count + module.Quizzes.Count + module.Assignments.Count == 0)
        {
            throw new DomainException("lessons, quizzes and assignments are all empty: a module needs at least one item.");
        }

        return module;
    }
}
