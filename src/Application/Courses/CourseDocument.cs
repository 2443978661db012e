using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using Lrs.Domain;
using Lrs.Domain.Courses;

namespace Lrs.Application.Courses;

/// <summary>A course as the internal API reads and writes it, and as it is stored.</summary>
/// <param name="Id">The course id: the URL's id wins; when given in a body it must match it.</param>
/// <param name="Title">The course's title.</param>
/// <param name="Modules">The modules, in order; together they need at least one lesson.</param>
/// <param name="GradingRule">How the course as a whole is graded; weights name item activity ids. Optional.</param>
public sealed record CourseDocument(string? Id, string? Title, IReadOnlyList<ModuleDocument>? Modules, GradingRuleDocument? GradingRule)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a request body; the error names the JSON path that could not be read.</summary>
    public static CourseDocument Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var _ = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException e)
        {
            throw new DomainException($"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }

        try
        {
            return JsonSerializer.Deserialize<CourseDocument>(utf8, Json) ?? throw new DomainException("The body must be a JSON object describing a course.");
        }
        catch (JsonException e)
        {
            var path = e.Path is null or "$" ? "the body" : e.Path.TrimStart('$', '.');
            throw new DomainException(e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"{path} is not a property of a course."
                : $"{path} has a value of the wrong type.");
        }
    }

    /// <summary>Validates the document into a course with the given id; a <see cref="DomainException"/> names the property at fault.</summary>
    public Course ToCourse(string id)
    {
        if (Id is not null && Id != id)
        {
            throw new DomainException($"id '{Id}' in the body differs from the id '{id}' in the URL.");
        }

        var modules = (Modules ?? []).Select((m, i) => At($"modules[{i}]", () => m.ToModule(i))).ToList();
        var rule = GradingRule is null ? null : At("gradingRule", GradingRule.ToSpec);
        return Course.Define(id, Title, modules, rule);
    }

    public static CourseDocument From(Course course) => new(
        course.Id, course.Title, [.. course.Modules.Select(ModuleDocument.From)], GradingRuleDocument.From(course.GradingRule));

    /// <summary>Runs a construction step, prefixing the path of the part being built to the message of its failure.</summary>
    internal static T At<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (DomainException e)
        {
            throw new DomainException($"{path}.{e.Message}");
        }
    }
}

public sealed record ModuleDocument(
    string? Id, string? Title, IReadOnlyList<LessonDocument>? Lessons, IReadOnlyList<QuizDocument>? Quizzes, IReadOnlyList<AssignmentDocument>? Assignments)
{
    internal Module ToModule(int index) => Module.Create(Id, Title,
        (Lessons ?? []).Select((l, i) => CourseDocument.At($"lessons[{i}]", l.ToLesson)).ToList(),
        (Quizzes ?? []).Select((q, i) => CourseDocument.At($"quizzes[{i}]", q.ToQuiz)).ToList(),
        (Assignments ?? []).Select((a, i) => CourseDocument.At($"assignments[{i}]", a.ToAssignment)).ToList());

    public static ModuleDocument From(Module module) => new(module.Id, module.Title,
        [.. module.Lessons.Select(LessonDocument.From)], [.. module.Quizzes.Select(QuizDocument.From)], [.. module.Assignments.Select(AssignmentDocument.From)]);
}

/// <param name="Id">The lesson's id within the course.</param>
/// <param name="Title">The lesson's title.</param>
/// <param name="ActivityId">The activity IRI statements about the lesson use (a cmi5 AU id).</param>
/// <param name="LaunchUrl">Where the content launches. Optional.</param>
/// <param name="MoveOn">cmi5 moveOn: NotApplicable (default), Passed, Completed, CompletedAndPassed, CompletedOrPassed.</param>
/// <param name="MasteryScore">The scaled score (0..1) that passes. Optional.</param>
public sealed record LessonDocument(string? Id, string? Title, string? ActivityId, string? LaunchUrl, string? MoveOn, decimal? MasteryScore)
{
    internal Lesson ToLesson()
    {
        var moveOn = Domain.Courses.MoveOn.NotApplicable;
        if (MoveOn is not null && (!Enum.TryParse(MoveOn, ignoreCase: true, out moveOn) || char.IsDigit(MoveOn.TrimStart('-')[0])))
        {
            throw new DomainException($"moveOn '{MoveOn}' is not one of {string.Join(", ", Enum.GetNames<MoveOn>())}.");
        }

        return Lesson.Create(Id, Title, ActivityId, LaunchUrl, moveOn, MasteryScore);
    }

    public static LessonDocument From(Lesson lesson) =>
        new(lesson.Id, lesson.Title, lesson.ActivityId, lesson.LaunchUrl, lesson.MoveOn.ToString(), lesson.MasteryScore);
}

/// <param name="Id">The quiz's id within the course.</param>
/// <param name="Title">The quiz's title.</param>
/// <param name="ActivityId">The activity IRI of the quiz as a whole.</param>
/// <param name="QuestionActivityIds">The activity IRIs of its questions, in order.</param>
/// <param name="GradingRule">How the quiz is graded; default: the reported result.</param>
public sealed record QuizDocument(string? Id, string? Title, string? ActivityId, IReadOnlyList<string?>? QuestionActivityIds, GradingRuleDocument? GradingRule)
{
    internal Quiz ToQuiz() =>
        Quiz.Create(Id, Title, ActivityId, QuestionActivityIds, GradingRule is null ? null : CourseDocument.At("gradingRule", GradingRule.ToSpec));

    public static QuizDocument From(Quiz quiz) =>
        new(quiz.Id, quiz.Title, quiz.ActivityId, [.. quiz.QuestionActivityIds], GradingRuleDocument.From(quiz.GradingRule));
}

/// <param name="Id">The assignment's id within the course.</param>
/// <param name="Title">The assignment's title.</param>
/// <param name="ActivityId">The activity IRI statements about the assignment use.</param>
/// <param name="DueOffset">ISO 8601 duration after the learner starts the course, such as P7D. Excludes dueDate.</param>
/// <param name="DueDate">A fixed due date and time. Excludes dueOffset.</param>
public sealed record AssignmentDocument(string? Id, string? Title, string? ActivityId, string? DueOffset, DateTimeOffset? DueDate)
{
    internal Assignment ToAssignment()
    {
        TimeSpan? offset = null;
        if (DueOffset is not null)
        {
            try
            {
                offset = XmlConvert.ToTimeSpan(DueOffset.Trim());
            }
            catch (FormatException)
            {
                throw new DomainException($"dueOffset '{DueOffset}' is not an ISO 8601 duration such as P7D or PT36H.");
            }
        }

        return Assignment.Create(Id, Title, ActivityId, offset, DueDate);
    }

    public static AssignmentDocument From(Assignment assignment) => new(assignment.Id, assignment.Title, assignment.ActivityId,
        assignment.DueOffset is { } offset ? XmlConvert.ToString(offset) : null, assignment.DueDate);
}

/// <param name="Kind">reported, scaledThreshold, allCorrect or weightedPoints.</param>
/// <param name="Min">scaledThreshold: the least scaled score (0..1) that passes.</param>
/// <param name="Weights">weightedPoints: points per activity id.</param>
/// <param name="PassMark">weightedPoints: the points that pass.</param>
public sealed record GradingRuleDocument(string? Kind, decimal? Min, IReadOnlyDictionary<string, decimal>? Weights, decimal? PassMark)
{
    private static readonly string[] Kinds = ["reported", "scaledThreshold", "allCorrect", "weightedPoints"];

    internal GradingRuleSpec ToSpec()
    {
        var kind = Array.Find(Kinds, k => k == Kind)
            ?? throw new DomainException(Kind is null ? "kind is required." : $"kind '{Kind}' is not one of {string.Join(", ", Kinds)}.");
        Only(kind == "scaledThreshold", Min, "min", "scaledThreshold");
        Only(kind == "weightedPoints", Weights, "weights", "weightedPoints");
        Only(kind == "weightedPoints", PassMark, "passMark", "weightedPoints");
        return kind switch
        {
            "reported" => GradingRuleSpec.Reported,
            "allCorrect" => GradingRuleSpec.AllCorrect,
            "scaledThreshold" => GradingRuleSpec.ScaledThreshold(Min ?? throw new DomainException("min is required for scaledThreshold.")),
            _ => GradingRuleSpec.WeightedPoints(
                Weights ?? throw new DomainException("weights is required for weightedPoints."),
                PassMark ?? throw new DomainException("passMark is required for weightedPoints.")),
        };
    }

    public static GradingRuleDocument? From(GradingRuleSpec? rule) => rule is null ? null : new(
        Kinds[(int)rule.Kind], rule.MinScaled, rule.Kind == GradingRuleKind.WeightedPoints ? rule.Weights : null, rule.PassMark);

    private static void Only(bool applies, object? value, string property, string kind)
    {
        if (!applies && value is not null)
        {
            throw new DomainException($"{property} applies only to kind {kind}.");
        }
    }
}
