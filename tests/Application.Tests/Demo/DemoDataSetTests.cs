using System.Text.Json.Nodes;
using Lrs.Application.Demo;
using Lrs.Application.Progress;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Tests.Demo;

/// <summary>The demo data generator: deterministic, valid xAPI, and a realistic spread of outcomes.</summary>
public sealed class DemoDataSetTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 20, 15, 30, 0, TimeSpan.Zero);
    private static readonly DemoDataSet Data = DemoDataSet.Generate(Anchor);

    private static string Verb(DemoStatement s) => s.Json["verb"]!["id"]!.GetValue<string>();

    [Fact]
    public void Generate_SameAnchor_SameStatementsAndIds()
    {
        var again = DemoDataSet.Generate(Anchor);

        Assert.Equal(Data.Statements.Count, again.Statements.Count);
        Assert.Equal(Data.Statements.Select(s => StatementJson.Serialize(s.Json)), again.Statements.Select(s => StatementJson.Serialize(s.Json)));
        Assert.Equal(Data.Learners, again.Learners);
    }

    [Fact]
    public void Generate_LaterAnchor_SameIdsShiftedTimes()
    {
        var later = DemoDataSet.Generate(Anchor.AddDays(7));

        Assert.Equal(Data.Statements.Select(s => s.Id), later.Statements.Select(s => s.Id));
        Assert.NotEqual(Data.Statements[0].Timestamp, later.Statements[0].Timestamp);
    }

    [Fact] // Data §2.2–2.4: what the generator writes is what the LRS accepts, as a client's POST body would be parsed
    public void Generate_EveryStatement_PassesXapiValidation()
    {
        var errors = Data.Statements
            .SelectMany(s => StatementValidator.Validate(JsonNode.Parse(StatementJson.Serialize(s.Json))))
            .Select(e => $"{e.Path}: {e.Message}")
            .ToList();

        Assert.Empty(errors);
        Assert.Equal(Data.Statements.Count, Data.Statements.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Generate_Volume_ThreeHundredLearnersSeveralThousandStatements()
    {
        Assert.Equal(DemoDataSet.LearnerCount, Data.Learners.Count);
        Assert.Equal(Data.Learners.Count, Data.Learners.Select(l => l.Mbox ?? l.Account).Distinct().Count());
        Assert.Contains(Data.Learners, l => l.Mbox is null && l.Account is not null);
        Assert.InRange(Data.Statements.Count, 5_000, 30_000);
    }

    [Fact]
    public void Generate_Timestamps_WithinEightWeeksBeforeAnchor()
    {
        Assert.All(Data.Statements, s => Assert.InRange(s.Timestamp, Anchor.AddDays(-60), Anchor));
        Assert.All(Data.Statements, s => Assert.Equal(s.Timestamp, DateTimeOffset.Parse(s.Json["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Generate_Verbs_PassesFailuresDropOutsSubmissionsAndVoids()
    {
        var verbs = Data.Statements.GroupBy(Verb).ToDictionary(g => g.Key, g => g.Count());

        foreach (var verb in new[]
        {
            ProgressVerbs.Launched, ProgressVerbs.Initialized, DemoVerbs.Progressed, ProgressVerbs.Answered, ProgressVerbs.Passed,
            ProgressVerbs.Failed, ProgressVerbs.Completed, ProgressVerbs.Terminated, ProgressVerbs.Abandoned, DemoVerbs.AssignmentSubmitted,
            DemoVerbs.Scored, DemoVerbs.Voided,
        })
        {
            Assert.True(verbs.GetValueOrDefault(verb) > 0, $"no statement with verb {verb}");
        }

        Assert.True(verbs[ProgressVerbs.Passed] > verbs[ProgressVerbs.Failed], "most quiz attempts should pass");
    }

    [Fact] // Data §2.3.2: a voiding statement refers to a statement written before it, never to another voiding statement
    public void Generate_Voids_TargetEarlierNonVoidingStatements()
    {
        var position = Data.Statements.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var (voiding, index) in Data.Statements.Select((s, i) => (s, i)).Where(x => Verb(x.s) == DemoVerbs.Voided))
        {
            var target = Guid.Parse(voiding.Json["object"]!["id"]!.GetValue<string>());
            Assert.True(position[target] < index);
            Assert.NotEqual(DemoVerbs.Voided, Verb(Data.Statements[position[target]]));
        }
    }

    [Fact]
    public void Generate_Retries_SomeLearnersPassAQuizAfterFailingIt()
    {
        var retried = Data.Statements
            .Where(s => Verb(s) is ProgressVerbs.Passed or ProgressVerbs.Failed)
            .GroupBy(s => (Actor: s.Json["actor"]!.ToJsonString(), Quiz: s.Json["object"]!["id"]!.GetValue<string>()))
            .Count(g => g.First().Json["verb"]!["id"]!.GetValue<string>() == ProgressVerbs.Failed && g.Any(s => Verb(s) == ProgressVerbs.Passed));

        Assert.True(retried > 0);
    }

    [Fact] // the course structure the demo stores is one the course store accepts
    public void Catalog_Courses_AreValidCourseDocuments()
    {
        foreach (var (id, document) in Data.Courses)
        {
            var course = document.ToCourse(id);
            Assert.NotEmpty(course.Items());
        }

        Assert.Equal(4, Data.Courses.Count);
        Assert.Contains(Data.Courses, c => c.Document.Modules!.SelectMany(m => m.Assignments!).Any(a => a.DueDate is not null));
        Assert.Contains(Data.Courses, c => c.Document.Modules!.SelectMany(m => m.Assignments!).Any(a => a.DueOffset is not null));
        Assert.Contains(Data.Courses, c => c.Document.GradingRule is not null);
    }

    [Theory]
    [InlineData(3, 4, "scaledThreshold", 0.75, true)]
    [InlineData(2, 4, "scaledThreshold", 0.75, false)]
    [InlineData(4, 5, "scaledThreshold", 0.8, true)]
    [InlineData(2, 3, "allCorrect", 1, false)]
    [InlineData(3, 3, "allCorrect", 1, true)]
    public void Grading_Passes_AgreesWithTheRuleTheCourseStores(int correct, int total, string kind, double mark, bool passes) =>
        Assert.Equal(passes, new DemoGrading(kind, (decimal)mark).Passes(correct, total));

    [Theory]
    [InlineData(0.4, "PT1S")]
    [InlineData(65, "PT1M5S")]
    [InlineData(3600, "PT1H")]
    [InlineData(3725, "PT1H2M5S")]
    public void Duration_Seconds_Iso8601(double seconds, string expected) =>
        Assert.Equal(expected, DemoStatements.Duration(TimeSpan.FromSeconds(seconds)));
}
