using Lrs.Application.Courses;

namespace Lrs.Application.Demo;

/// <summary>
/// A course of the demo catalogue: its structure as the course store takes it, plus what the course store does not
/// hold but learners' statements need (question definitions, how long a lesson takes, how a quiz decides a pass).
/// Activity ids are derived from the slugs under <see cref="ActivityBase"/>.
/// </summary>
public sealed record DemoCourse(string Id, string Title, IReadOnlyList<DemoModule> Modules, int Popularity)
{
    public const string ActivityBase = "https://learn.example.com/courses/";

    /// <summary>The course as a whole, the grouping activity of every statement about it.</summary>
    public string ActivityId => ActivityBase + Id;

    /// <summary>Weighted-points rule of the course over the items named here (points per item slug), if any.</summary>
    public IReadOnlyDictionary<string, decimal>? Weights { get; init; }

    public decimal? PassMark { get; init; }

    public string ItemActivityId(string kind, string slug) => $"{ActivityId}/{kind}/{slug}";

    /// <summary>Every lesson, quiz and assignment with its module, in course order (the order learners take them).</summary>
    public IEnumerable<(DemoModule Module, DemoItem Item)> Items() =>
        Modules.SelectMany(m => m.Lessons.Cast<DemoItem>().Concat(m.Quizzes).Concat(m.Assignments).Select(i => (m, i)));

    /// <summary>The body of <c>PUT /api/v1/courses/{id}</c> for this course; fixed due dates fall relative to <paramref name="anchor"/>.</summary>
    public CourseDocument ToDocument(DateTimeOffset anchor) => new(Id, Title,
        [.. Modules.Select(m => new ModuleDocument(m.Slug, m.Title,
            [.. m.Lessons.Select(l => new LessonDocument(l.Slug, l.Title, ItemActivityId("lessons", l.Slug), $"lessons/{l.Slug}/index.html", "Completed", null))],
            [.. m.Quizzes.Select(q => new QuizDocument(q.Slug, q.Title, ItemActivityId("quizzes", q.Slug),
                [.. q.Questions.Select(x => QuestionActivityId(q, x))], q.Grading.ToDocument()))],
            [.. m.Assignments.Select(a => new AssignmentDocument(a.Slug, a.Title, ItemActivityId("assignments", a.Slug),
                a.DueOffsetDays is { } days ? $"P{days}D" : null, a.DueDaysBeforeAnchor is { } before ? DueDate(anchor, before) : null))]))],
        Weights is null ? null : new GradingRuleDocument("weightedPoints", null,
            Weights.ToDictionary(w => ItemActivityIdOf(w.Key), w => w.Value), PassMark));

    public string QuestionActivityId(DemoQuiz quiz, DemoQuestion question) => $"{ItemActivityId("quizzes", quiz.Slug)}/questions/{question.Slug}";

    /// <summary>A fixed due date: 17:00 UTC, <paramref name="daysBefore"/> days before the anchor.</summary>
    public static DateTimeOffset DueDate(DateTimeOffset anchor, int daysBefore) =>
        new DateTimeOffset(anchor.UtcDateTime.Date, TimeSpan.Zero).AddDays(-daysBefore).AddHours(17);

    private string ItemActivityIdOf(string slug) => Items()
        .Select(x => x.Item switch
        {
            DemoLesson l when l.Slug == slug => ItemActivityId("lessons", slug),
            DemoQuiz q when q.Slug == slug => ItemActivityId("quizzes", slug),
            DemoAssignment a when a.Slug == slug => ItemActivityId("assignments", slug),
            _ => null,
        })
        .First(id => id is not null)!;
}

public sealed record DemoModule(string Slug, string Title, IReadOnlyList<DemoLesson> Lessons, IReadOnlyList<DemoQuiz> Quizzes, IReadOnlyList<DemoAssignment> Assignments)
{
    public string ActivityId(DemoCourse course) => $"{course.ActivityId}/modules/{Slug}";
}

/// <summary>A lesson, quiz or assignment of a demo course.</summary>
public abstract record DemoItem(string Slug, string Title);

/// <summary>A lesson; <paramref name="Minutes"/> is how long it takes a typical learner.</summary>
public sealed record DemoLesson(string Slug, string Title, int Minutes) : DemoItem(Slug, Title);

public sealed record DemoQuiz(string Slug, string Title, DemoGrading Grading, IReadOnlyList<DemoQuestion> Questions) : DemoItem(Slug, Title);

/// <summary>An assignment due <paramref name="DueOffsetDays"/> after the learner starts the course, or at a fixed date before the anchor.</summary>
public sealed record DemoAssignment(string Slug, string Title, string SubmissionHint, int? DueOffsetDays = null, int? DueDaysBeforeAnchor = null)
    : DemoItem(Slug, Title);

/// <summary>How a quiz decides a pass: the course store's grading rule, and the pass mark the content itself reports by.</summary>
public sealed record DemoGrading(string Kind, decimal PassScaled)
{
    public static DemoGrading Threshold(decimal min) => new("scaledThreshold", min);

    public static DemoGrading AllCorrect { get; } = new("allCorrect", 1m);

    /// <summary>The content reports success itself, passing at <paramref name="passScaled"/>.</summary>
    public static DemoGrading Reported(decimal passScaled) => new("reported", passScaled);

    /// <summary>The scaled score a quiz reports: correct answers over questions, to 4 decimals.</summary>
    public static decimal Scaled(int correct, int total) => Math.Round((decimal)correct / total, 4, MidpointRounding.AwayFromZero);

    public bool Passes(int correct, int total) => Kind == "allCorrect" ? correct == total : Scaled(correct, total) >= PassScaled;

    public GradingRuleDocument ToDocument() => new(Kind, Kind == "scaledThreshold" ? PassScaled : null, null, null);
}
