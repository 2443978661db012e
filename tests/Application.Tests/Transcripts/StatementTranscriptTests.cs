using System.Text.Json.Nodes;
using Lrs.Application.Transcripts;

namespace Lrs.Application.Tests.Transcripts;

/// <summary>How a transcript is read from a learner's statements: who is the learner, what is a course, what an attempt came to.</summary>
public sealed class StatementTranscriptTests
{
    private const string Ann = "mbox:mailto:ann@example.com";
    private const string Course = "http://example.com/course";
    private const string Adl = "http://adlnet.gov/expapi/verbs/";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.Parse("11111111-1111-4111-8111-111111111111");
    private static readonly Guid Second = Guid.Parse("22222222-2222-4222-8222-222222222222");

    private static JsonObject AnnAgent() => new() { ["mbox"] = "mailto:ann@example.com", ["name"] = "Ann" };

    private static JsonObject Statement(string verb, Guid? registration, int minute, JsonObject? result = null, JsonObject? actor = null,
        string activity = Course, JsonObject? definition = null, JsonArray? parent = null)
    {
        var target = new JsonObject { ["objectType"] = "Activity", ["id"] = activity };
        if (definition is not null)
        {
            target["definition"] = definition;
        }

        var context = new JsonObject();
        if (registration is { } r)
        {
            context["registration"] = r.ToString();
        }

        if (parent is not null)
        {
            context["contextActivities"] = new JsonObject { ["parent"] = parent.DeepClone() };
        }

        var statement = new JsonObject
        {
            ["actor"] = actor?.DeepClone() ?? AnnAgent(),
            ["verb"] = new JsonObject { ["id"] = verb.Contains(':', StringComparison.Ordinal) ? verb : Adl + verb },
            ["object"] = target,
            ["context"] = context,
            ["timestamp"] = T0.AddMinutes(minute).ToString("O"),
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        return statement;
    }

    private static Transcript? Build(string learner, params JsonObject[] statements)
    {
        var transcript = new StatementTranscript(learner);
        foreach (var s in statements)
        {
            transcript.Add(s.ToJsonString(), T0.AddDays(1));
        }

        return transcript.Build(null, T0.AddDays(2));
    }

    private static JsonObject Names(params (string Language, string Text)[] names) =>
        new() { ["name"] = new JsonObject(names.Select(n => KeyValuePair.Create(n.Language, (JsonNode?)n.Text))) };

    [Theory] // Data §2.4.4.1 language maps: en-US, then any English, then the first; none: the activity id
    [InlineData("en-US", "fr-FR", "en-US")]
    [InlineData("de-DE", "en-GB", "en-GB")]
    [InlineData("de-DE", "fr-FR", "de-DE")]
    public void Title_LanguageMap_PrefersEnglish(string first, string second, string expected)
    {
        var transcript = Build(Ann, Statement("launched", First, 0, definition: Names((first, first), (second, second))));

        Assert.Equal(expected, Assert.Single(transcript!.Courses).Title);
    }

    [Fact]
    public void Title_NoDefinition_IsTheActivityId() =>
        Assert.Equal(Course, Assert.Single(Build(Ann, Statement("launched", First, 0))!.Courses).Title);

    [Fact] // questions and pages are reached with a parent in context; they are parts of a course, not courses
    public void Activity_OnlyEverWithAParent_HasNoEntry()
    {
        var parent = new JsonArray(new JsonObject { ["id"] = Course });
        var transcript = Build(Ann,
            Statement("launched", First, 0),
            Statement("answered", First, 1, activity: Course + "/q1", parent: parent),
            Statement("experienced", First, 2, activity: Course + "/page", parent: parent),
            Statement("experienced", First, 3, activity: Course + "/page"));

        Assert.Equal([Course, Course + "/page"], transcript!.Courses.Select(c => c.CourseId).Order());
    }

    [Fact] // only the learner's own statements about Activities count; a StatementRef object or another actor does not
    public void Statements_ByOthersOrAboutNonActivities_AreIgnored()
    {
        var other = new JsonObject { ["mbox"] = "mailto:bob@example.com" };
        var reference = Statement("voided", First, 1);
        reference["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = Guid.NewGuid().ToString() };

        Assert.Null(Build(Ann, Statement("passed", First, 0, actor: other), reference));
        Assert.Equal("Ann", Build(Ann, Statement("launched", First, 0), Statement("passed", First, 1, actor: other))!.Learner.DisplayName);
    }

    [Theory] // the learner is matched by the key of any inverse functional identifier (Data §2.4.2.3)
    [InlineData("account:http://lms.example.com ann", """{"account":{"homePage":"http://lms.example.com","name":"ann"}}""")]
    [InlineData("openid:http://id.example.com/ann", """{"openid":"http://id.example.com/ann"}""")]
    [InlineData("mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9", """{"mbox_sha1sum":"EBD31E95054C018B10727CCFFD2EF2EC3A016EE9"}""")]
    public void Learner_IdentifiedByAnyIfi_IsMatched(string key, string actor)
    {
        var transcript = Build(key, Statement("completed", First, 0, actor: JsonNode.Parse(actor)!.AsObject()));

        Assert.Equal(CourseStatus.Completed, Assert.Single(transcript!.Courses).Status);
    }

    [Fact] // two registrations are two attempts, numbered in the order they opened; the latest verdict of each decides
    public void Attempts_PerRegistration_OutcomeScoreAndSuccess()
    {
        var transcript = Build(Ann,
            Statement("launched", Second, 10),
            Statement("launched", First, 0),
            Statement("failed", First, 1, new JsonObject { ["success"] = false, ["score"] = new JsonObject { ["scaled"] = 0.3 } }),
            Statement("passed", First, 2, new JsonObject { ["score"] = new JsonObject { ["scaled"] = 0.9, ["raw"] = 9, ["min"] = 0, ["max"] = 10 } }),
            Statement("answered", First, 3, new JsonObject { ["score"] = new JsonObject { ["scaled"] = 0.1 } }),
            Statement("terminated", First, 4),
            Statement("answered", Second, 11, new JsonObject { ["score"] = new JsonObject { ["raw"] = 4 } }));

        var course = Assert.Single(transcript!.Courses);
        Assert.Equal(CourseStatus.Passed, course.Status);
        Assert.Equal(100, course.PercentComplete);
        Assert.Equal(T0.AddMinutes(2), course.Completed);
        Assert.Equal(T0, course.Started);
        var (first, second) = (course.Attempts[0], course.Attempts[1]);
        Assert.Equal((1, First, AttemptOutcomes.Passed, AttemptState.Closed), (first.Number, first.Registration!.Value, first.Outcome, first.State));
        Assert.Equal(new AttemptScore(0.9, 9, 0, 10), first.Score); // the verdict's score, not the later answer's
        Assert.True(first.Success); // passed without result.success
        Assert.Equal(T0.AddMinutes(4), first.Closed);
        Assert.Equal((2, AttemptOutcomes.InProgress, AttemptState.Open), (second.Number, second.Outcome, second.State));
        Assert.Equal(new AttemptScore(null, 4, null, null), second.Score); // no verdict: the latest score
        Assert.Null(second.Success);
    }

    [Fact] // a failing verdict whose result says success keeps what the result says
    public void Verdict_ResultSuccess_Wins()
    {
        var attempt = Assert.Single(Build(Ann, Statement("failed", First, 0, new JsonObject { ["success"] = true }))!.Courses).Attempts[0];

        Assert.Equal(AttemptOutcomes.Failed, attempt.Outcome);
        Assert.True(attempt.Success);
    }

    [Theory] // cmi5 progress (0-100) until completion; result.completion completes like the completed verb
    [InlineData(40, false, CourseStatus.InProgress, 40.0)]
    [InlineData(150, false, CourseStatus.InProgress, 100.0)]
    [InlineData(40, true, CourseStatus.Completed, 100.0)]
    public void Progress_ExtensionAndCompletion_SetPercent(int progress, bool completion, CourseStatus status, double percent)
    {
        var result = new JsonObject
        {
            ["completion"] = completion,
            ["extensions"] = new JsonObject { ["https://w3id.org/xapi/cmi5/result/extensions/progress"] = progress },
        };
        var course = Assert.Single(Build(Ann, Statement("progressed", First, 0, result))!.Courses);

        Assert.Equal((status, percent), (course.Status, course.PercentComplete!.Value));
        Assert.Equal(completion ? AttemptOutcomes.Completed : AttemptOutcomes.InProgress, course.Attempts[0].Outcome);
    }

    [Fact] // without a registration, the statements are one attempt; an unreadable timestamp falls back to stored
    public void NoRegistrationAndBadTimestamp_OneAttemptAtStored()
    {
        var statement = Statement("launched", null, 0);
        statement["timestamp"] = "yesterday";

        var attempt = Assert.Single(Build(Ann, statement, Statement("abandoned", null, 5))!.Courses).Attempts.Single();

        Assert.Null(attempt.Registration);
        Assert.Equal(T0.AddMinutes(5), attempt.Opened); // stored (a day later) is not earlier than the abandoned statement
        Assert.Equal(AttemptOutcomes.InProgress, attempt.Outcome);
    }
}
