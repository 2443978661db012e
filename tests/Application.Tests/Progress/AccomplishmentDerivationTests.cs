using System.Text;
using Lrs.Application.Definitions;
using Lrs.Application.Progress;
using Lrs.Domain;

namespace Lrs.Application.Tests.Progress;

/// <summary>Competencies and achievements from what a learner accomplished (data-model seed; docs/decisions/0008).</summary>
public sealed class AccomplishmentDerivationTests
{
    private static readonly DateTimeOffset T0 = new(2024, 4, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Ann = "mbox:mailto:ann@example.com";
    private const string Quiz = "http://example.com/quiz";

    private static CourseProgressView Course(string id, int? completed) =>
        new(Ann, id, completed is null ? "in-progress" : "completed", 0, 1, 0, T0, completed is null ? null : T0.AddMinutes(completed.Value), T0);

    private static Accomplishments Done(params CourseProgressView[] courses) => new(
        courses.ToDictionary(c => c.CourseId),
        new Dictionary<string, DateTimeOffset> { [Quiz] = T0.AddMinutes(30), ["http://example.com/other"] = T0.AddMinutes(3) },
        new Dictionary<string, string> { [Quiz] = "quiz" },
        [new LearningPathProgressView(Ann, "path", "completed", 100, 1, 1, null, T0, T0.AddMinutes(40), T0)],
        [new QuizAttemptView(Ann, "c", "m", "q", Quiz, null, 1, "completed", 40, 5, 2, 3, 0, 60, false, T0, T0.AddMinutes(10), []),
         new QuizAttemptView(Ann, "c", "m", "q", Quiz, null, 2, "completed", 90, 5, 5, 0, 0, 60, true, T0, T0.AddMinutes(20), [])]);

    private static CompetencyDocument Competency(string json) => DefinitionDocuments.Competency(Encoding.UTF8.GetBytes(json), "k");

    private static AchievementDocument Achievement(string json) => DefinitionDocuments.Achievement(Encoding.UTF8.GetBytes(json), "a");

    [Fact]
    public void Competency_SomeSources_LevelAndEvidence()
    {
        var competency = Competency("""{"name":"K","evidence":[{"course":"a"},{"activity":"http://example.com/quiz"},{"course":"b"},{"activity":"http://example.com/other"}]}""");

        var view = AccomplishmentDerivation.Competency(Ann, "k", competency, Done(Course("a", 5), Course("b", null)))!;

        Assert.Equal((75, "in-progress", (DateTimeOffset?)null), (view.Level, view.Status, view.AcquiredAt));
        Assert.Equal([("course", "a"), ("quiz", Quiz), ("activity", "http://example.com/other")], view.Evidence.Select(e => (e.Type, e.ReferenceId)));
        Assert.Equal([0, 1, 2], view.Evidence.Select(e => e.Position));
    }

    [Fact]
    public void Competency_AllSources_MasteredAtTheLast()
    {
        var competency = Competency("""{"name":"K","evidence":[{"course":"a"},{"activity":"http://example.com/quiz"}]}""");

        var view = AccomplishmentDerivation.Competency(Ann, "k", competency, Done(Course("a", 50)))!;

        Assert.Equal((100, "mastered", (DateTimeOffset?)T0.AddMinutes(50)), (view.Level, view.Status, view.AcquiredAt));
        Assert.Null(AccomplishmentDerivation.Competency(Ann, "k", Competency("""{"name":"K","evidence":[{"course":"z"}]}"""), Done()));
    }

    [Theory]
    [InlineData("""{"kind":"course-completed","course":"a"}""", 5)]
    [InlineData("""{"kind":"courses-completed","count":2}""", 7)]
    [InlineData("""{"kind":"courses-completed","count":3}""", null)]
    [InlineData("""{"kind":"learning-path-completed","path":"path"}""", 40)]
    [InlineData("""{"kind":"learning-path-completed","path":"nope"}""", null)]
    [InlineData("""{"kind":"quiz-passed","activity":"http://example.com/quiz"}""", 20)]
    [InlineData("""{"kind":"course-completed","course":"b"}""", null)]
    public void Achievement_Criteria_EarnedWhenMet(string criteria, int? minute)
    {
        var achievement = Achievement($$"""{"name":"A","points":4,"criteria":{{criteria}}}""");

        var earned = AccomplishmentDerivation.Achievement(Ann, "a", achievement, Done(Course("a", 5), Course("c", 7), Course("b", null)));

        Assert.Equal(minute is null ? null : T0.AddMinutes(minute.Value), earned?.EarnedAt);
        Assert.True(earned is null || earned.Points == 4);
    }

    [Theory] // 400s that say what is wrong
    [InlineData("""{"name":"K","evidence":[]}""", "evidence must list at least one source")]
    [InlineData("""{"name":"K","evidence":[{"course":"a","activity":"http://example.com/x"}]}""", "evidence[0] must name exactly one of course or activity.")]
    [InlineData("""{"name":"K","level":"expert","evidence":[{"course":"a"}]}""", "level must be one of beginner, intermediate, advanced, got 'expert'.")]
    [InlineData("""{"name":"K","evidence":[{"activity":"not an iri"}]}""", "evidence[0].activity")]
    [InlineData("""{"name":"K","colour":"red","evidence":[{"course":"a"}]}""", "colour is not a property of a competency.")]
    [InlineData("""{"id":"other","name":"K","evidence":[{"course":"a"}]}""", "id 'other' in the body differs from the id 'k' in the URL.")]
    public void Competency_Invalid_NamesTheProblem(string json, string message) =>
        Assert.Contains(message, Assert.Throws<DomainException>(() => Competency(json)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"name":"A"}""", "criteria is required")]
    [InlineData("""{"name":"A","points":-1,"criteria":{"kind":"course-completed","course":"a"}}""", "points must be 0 or more, got -1.")]
    [InlineData("""{"name":"A","criteria":{"kind":"courses-completed","count":0}}""", "criteria.count must be 1 or more")]
    [InlineData("""{"name":"A","criteria":{"kind":"streak"}}""", "criteria.kind must be one of course-completed, courses-completed, learning-path-completed, quiz-passed, got 'streak'.")]
    [InlineData("""{"name":"A","criteria":{"kind":"learning-path-completed"}}""", "criteria.path is required.")]
    [InlineData("""{"name":"A","criteria":{"kind":"quiz-passed","activity":"x"}}""", "criteria.activity")]
    [InlineData("""{"name":"A","points":"ten","criteria":{"kind":"course-completed","course":"a"}}""", "points is not valid JSON of the right type.")]
    public void Achievement_Invalid_NamesTheProblem(string json, string message) =>
        Assert.Contains(message, Assert.Throws<DomainException>(() => Achievement(json)).Message, StringComparison.Ordinal);

    [Fact] // facts: a competency mastered and an achievement earned, once
    public void Between_MasteredAndEarned_Facts()
    {
        var competency = new UserCompetencyView(Ann, "k", "K", 100, "mastered", T0, []);
        var achievement = new EarnedAchievementView(Ann, "a", "A", 3, T0.AddMinutes(1));
        var before = new LearnerSnapshot([], [], [], [], [], [competency with { Level = 50, Status = "in-progress", AcquiredAt = null }]);
        var after = before with { Competencies = [competency], Achievements = [achievement] };

        var facts = LearnerFacts.Between(Guid.Empty, Ann, before, after);

        Assert.Equal(["AchievementEarned", "CompetencyAcquired"], facts.Select(f => f.Type));
        Assert.Equal(("K", 100), (((CompetencyAcquired)facts[1]).CompetencyName, ((CompetencyAcquired)facts[1]).Level));
        Assert.Empty(LearnerFacts.Between(Guid.Empty, Ann, after, after));
        Assert.Equal(["progress.achievement.earned.v1", "progress.competency.acquired.v1"], facts.Select(f => LearnerEvents.Message(f).MessageType));
        Assert.Equal(facts[0].Id, LearnerEvents.Message(facts[0]).MessageId);
    }
}
