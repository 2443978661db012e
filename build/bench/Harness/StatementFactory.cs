using System.Globalization;
using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Bench;

/// <summary>
/// Realistic, reproducible xAPI statements (about 1–2 KB each): a thousand learners working through 20 courses of
/// 10 lessons with cmi5-like verbs, questions with interaction definitions, results with scores and extensions,
/// context with registration, instructor, parent/grouping/category activities and a session extension.
/// </summary>
internal sealed class StatementFactory
{
    public const int Courses = 20;
    public const int LessonsPerCourse = 10;
    public const string Site = "https://lms.example.com";

    private static readonly (string Id, string En, string De, int Weight)[] Verbs =
    [
        ("http://adlnet.gov/expapi/verbs/launched", "launched", "gestartet", 8),
        ("http://adlnet.gov/expapi/verbs/initialized", "initialized", "initialisiert", 8),
        ("http://adlnet.gov/expapi/verbs/experienced", "experienced", "erlebt", 24),
        ("http://adlnet.gov/expapi/verbs/answered", "answered", "beantwortet", 36),
        ("http://adlnet.gov/expapi/verbs/completed", "completed", "abgeschlossen", 8),
        ("http://adlnet.gov/expapi/verbs/passed", "passed", "bestanden", 5),
        ("http://adlnet.gov/expapi/verbs/failed", "failed", "nicht bestanden", 3),
        ("http://adlnet.gov/expapi/verbs/terminated", "terminated", "beendet", 8),
    ];

    private readonly Random _random;
    private readonly Guid[,] _registrations;
    private readonly int _totalWeight = Verbs.Sum(v => v.Weight);

    /// <summary>Factories with the same <paramref name="learners"/> share registrations; <paramref name="seed"/> varies the rest.</summary>
    public StatementFactory(int learners, int seed)
    {
        Learners = learners;
        _random = new Random(seed);
        var ids = new Random(learners);
        _registrations = new Guid[learners, Courses];
        for (var l = 0; l < learners; l++)
        {
            for (var c = 0; c < Courses; c++)
            {
                var bytes = new byte[16];
                ids.NextBytes(bytes);
                bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
                bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
                _registrations[l, c] = new Guid(bytes);
            }
        }
    }

    public int Learners { get; }

    public static IReadOnlyList<string> VerbIds { get; } = Verbs.Select(v => v.Id).ToArray();

    public static string LearnerMbox(int learner) => $"mailto:learner{learner:D4}@example.com";

    public static string CourseId(int course) => $"{Site}/courses/{course:D2}";

    public static string LessonId(int course, int lesson) => $"{CourseId(course)}/lessons/{lesson:D2}";

    public Guid Registration(int learner, int course) => _registrations[learner, course];

    /// <summary>A statement as a client sends it: no id, stored, authority or version.</summary>
    public JsonObject Next(DateTimeOffset timestamp)
    {
        var learner = _random.Next(Learners);
        var course = _random.Next(Courses);
        var lesson = _random.Next(LessonsPerCourse);
        var verb = PickVerb();
        var courseLevel = verb.En is "launched" or "passed" or "failed" or "completed" && _random.Next(3) == 0;
        var question = verb.En == "answered" ? _random.Next(1, 9) : 0;

        var statement = new JsonObject
        {
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["name"] = $"Learner {learner:D4}", ["mbox"] = LearnerMbox(learner) },
            ["verb"] = new JsonObject { ["id"] = verb.Id, ["display"] = new JsonObject { ["en-US"] = verb.En, ["de-DE"] = verb.De } },
            ["object"] = courseLevel ? Course(course) : question > 0 ? Question(course, lesson, question) : Lesson(course, lesson),
            ["context"] = Context(learner, course, lesson, courseLevel, question > 0),
            ["timestamp"] = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (Result(verb.En, question > 0) is { } result)
        {
            statement["result"] = result;
        }

        return statement;
    }

    /// <summary>
    /// The statement (taken apart: its nodes move) as the LRS stores it for the credential with <paramref name="authority"/>: id, stored, authority and
    /// version filled in, serialised, with the index the ingest path extracts. COPY writes these rows.
    /// </summary>
    public static PreparedStatement Prepare(JsonObject statement, Guid id, DateTimeOffset stored, JsonObject authority, string authorityKey)
    {
        var row = new JsonObject { ["id"] = id.ToString() };
        foreach (var (name, value) in statement.ToList())
        {
            statement.Remove(name);
            row[name] = value;
        }

        row["stored"] = StatementJson.FormatTimestamp(stored);
        row["authority"] = authority.DeepClone();
        row["version"] = "1.0.3";
        return new PreparedStatement(id, StatementJson.Serialize(row), stored, authorityKey, StatementIndex.Extract(row));
    }

    private (string Id, string En, string De, int Weight) PickVerb()
    {
        var pick = _random.Next(_totalWeight);
        foreach (var verb in Verbs)
        {
            if ((pick -= verb.Weight) < 0)
            {
                return verb;
            }
        }

        return Verbs[^1];
    }

    private static JsonObject Course(int course) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = CourseId(course),
        ["definition"] = new JsonObject
        {
            ["name"] = new JsonObject { ["en-US"] = $"Course {course:D2}: Workplace safety and compliance" },
            ["description"] = new JsonObject { ["en-US"] = "A self-paced course with ten lessons and a final assessment." },
            ["type"] = "http://adlnet.gov/expapi/activities/course",
        },
    };

    private static JsonObject Lesson(int course, int lesson) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = LessonId(course, lesson),
        ["definition"] = new JsonObject
        {
            ["name"] = new JsonObject { ["en-US"] = $"Lesson {lesson + 1} of course {course:D2}" },
            ["description"] = new JsonObject { ["en-US"] = "Reading, a short video and a knowledge check." },
            ["type"] = "http://adlnet.gov/expapi/activities/lesson",
            ["moreInfo"] = $"{LessonId(course, lesson)}/info",
        },
    };

    private static JsonObject Question(int course, int lesson, int question) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = $"{LessonId(course, lesson)}/questions/{question}",
        ["definition"] = new JsonObject
        {
            ["name"] = new JsonObject { ["en-US"] = $"Question {question}" },
            ["description"] = new JsonObject { ["en-US"] = "Which of these is the safest way to lift a heavy box?" },
            ["type"] = "http://adlnet.gov/expapi/activities/cmi.interaction",
            ["interactionType"] = "choice",
            ["correctResponsesPattern"] = new JsonArray("bend-knees"),
            ["choices"] = new JsonArray(
                Choice("bend-knees", "Bend your knees and keep your back straight"),
                Choice("bend-back", "Bend at the waist"),
                Choice("twist", "Lift while twisting")),
        },
    };

    private static JsonObject Choice(string id, string text) => new() { ["id"] = id, ["description"] = new JsonObject { ["en-US"] = text } };

    private JsonObject Context(int learner, int course, int lesson, bool courseLevel, bool question)
    {
        var activities = new JsonObject
        {
            ["category"] = new JsonArray(new JsonObject { ["objectType"] = "Activity", ["id"] = "https://w3id.org/xapi/cmi5/context/categories/moveon" }),
        };
        if (!courseLevel)
        {
            activities["parent"] = new JsonArray(new JsonObject
            {
                ["objectType"] = "Activity",
                ["id"] = question ? LessonId(course, lesson) : CourseId(course),
            });
            activities["grouping"] = new JsonArray(new JsonObject { ["objectType"] = "Activity", ["id"] = CourseId(course) });
        }

        return new JsonObject
        {
            ["registration"] = Registration(learner, course).ToString(),
            ["instructor"] = new JsonObject { ["objectType"] = "Agent", ["name"] = $"Instructor {course % 7}", ["mbox"] = $"mailto:instructor{course % 7}@example.com" },
            ["contextActivities"] = activities,
            ["platform"] = "Example LMS 4.2",
            ["language"] = "en-US",
            ["extensions"] = new JsonObject
            {
                ["https://w3id.org/xapi/cmi5/context/extensions/sessionid"] = $"session-{learner:D4}-{_random.Next(100_000):D5}",
                [$"{Site}/extensions/device"] = new JsonObject { ["os"] = "Android 14", ["app"] = "4.2.1", ["screen"] = "1080x2400" },
            },
        };
    }

    private JsonObject? Result(string verb, bool question)
    {
        var seconds = _random.Next(5, 1800);
        switch (verb)
        {
            case "answered" when question:
                var correct = _random.Next(4) != 0;
                return new JsonObject
                {
                    ["success"] = correct,
                    ["response"] = correct ? "bend-knees" : "bend-back",
                    ["duration"] = $"PT{seconds % 120}S",
                    ["score"] = new JsonObject { ["scaled"] = correct ? 1 : 0, ["raw"] = correct ? 1 : 0, ["min"] = 0, ["max"] = 1 },
                };
            case "passed" or "failed":
                var raw = verb == "passed" ? _random.Next(70, 101) : _random.Next(0, 70);
                return new JsonObject
                {
                    ["success"] = verb == "passed",
                    ["completion"] = true,
                    ["duration"] = $"PT{seconds / 60}M{seconds % 60}S",
                    ["score"] = new JsonObject { ["scaled"] = raw / 100.0, ["raw"] = raw, ["min"] = 0, ["max"] = 100 },
                    ["extensions"] = new JsonObject { ["https://w3id.org/xapi/cmi5/result/extensions/progress"] = 100 },
                };
            case "completed" or "terminated" or "experienced":
                return new JsonObject
                {
                    ["completion"] = verb == "completed",
                    ["duration"] = $"PT{seconds / 60}M{seconds % 60}S",
                    ["extensions"] = new JsonObject { ["https://w3id.org/xapi/cmi5/result/extensions/progress"] = verb == "completed" ? 100 : _random.Next(100) },
                };
            default:
                return null;
        }
    }
}
