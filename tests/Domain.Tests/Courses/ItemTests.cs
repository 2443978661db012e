using Lrs.Domain.Courses;

namespace Lrs.Domain.Tests.Courses;

public class ItemTests
{
    [Fact]
    public void Lesson_AllProperties_Kept()
    {
        var lesson = Lesson.Create(" l1 ", " Intro ", " http://example.com/au/1 ", " launch/index.html ", MoveOn.CompletedAndPassed, 0.8m);

        Assert.Equal("l1", lesson.Id);
        Assert.Equal("Intro", lesson.Title);
        Assert.Equal("http://example.com/au/1", lesson.ActivityId);
        Assert.Equal("launch/index.html", lesson.LaunchUrl);
        Assert.Equal(MoveOn.CompletedAndPassed, lesson.MoveOn);
        Assert.Equal(0.8m, lesson.MasteryScore);
    }

    [Fact]
    public void Lesson_Defaults_NotApplicableWithoutUrlOrMastery()
    {
        var lesson = Lesson.Create("l", "L", "urn:x:1", "  ");

        Assert.Null(lesson.LaunchUrl);
        Assert.Equal(MoveOn.NotApplicable, lesson.MoveOn);
        Assert.Null(lesson.MasteryScore);
    }

    [Theory]
    [InlineData(null, "activityId is required.")]
    [InlineData("", "activityId is required.")]
    [InlineData("not an iri", "activityId 'not an iri' must be an absolute IRI.")]
    [InlineData("relative/path", "activityId 'relative/path' must be an absolute IRI.")]
    public void Lesson_BadActivityId_Throws(string? activityId, string message) =>
        Assert.Equal(message, Assert.Throws<DomainException>(() => Lesson.Create("l", "L", activityId)).Message);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void Lesson_MasteryOutOfRange_Throws(double mastery) =>
        Assert.StartsWith("masteryScore must be between 0 and 1", Assert.Throws<DomainException>(() => Lesson.Create("l", "L", "urn:x:1", masteryScore: (decimal)mastery)).Message);

    [Fact]
    public void Lesson_UndefinedMoveOn_Throws() =>
        Assert.StartsWith("moveOn '42' is not one of", Assert.Throws<DomainException>(() => Lesson.Create("l", "L", "urn:x:1", moveOn: (MoveOn)42)).Message);

    [Fact]
    public void Lesson_LaunchUrlWithSpace_Throws() =>
        Assert.Equal("launchUrl 'a b' is not a URL.", Assert.Throws<DomainException>(() => Lesson.Create("l", "L", "urn:x:1", "a b")).Message);

    [Fact]
    public void Quiz_Defaults_ReportedWithoutQuestions()
    {
        var quiz = Quiz.Create("q", "Quiz", "http://example.com/q");

        Assert.Empty(quiz.QuestionActivityIds);
        Assert.Equal(GradingRuleSpec.Reported, quiz.GradingRule);
        Assert.Equal("q", quiz.Id);
        Assert.Equal("Quiz", quiz.Title);
        Assert.Equal("http://example.com/q", quiz.ActivityId);
    }

    [Fact]
    public void Quiz_WeightsOnQuestions_Kept()
    {
        var rule = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://example.com/q/2"] = 3 }, 3);

        var quiz = Quiz.Create("q", "Quiz", "http://example.com/q", ["http://example.com/q/1", "http://example.com/q/2"], rule);

        Assert.Equal(["http://example.com/q/1", "http://example.com/q/2"], quiz.QuestionActivityIds);
        Assert.Equal(rule, quiz.GradingRule);
    }

    [Fact]
    public void Quiz_DuplicateQuestion_Throws() =>
        Assert.Equal("questionActivityIds[1] 'http://example.com/q/1' is listed twice.",
            Assert.Throws<DomainException>(() => Quiz.Create("q", "Q", "http://example.com/q", ["http://example.com/q/1", "http://example.com/q/1"])).Message);

    [Fact]
    public void Quiz_BadQuestion_NamesIndex() =>
        Assert.Equal("questionActivityIds[0] 'nope' must be an absolute IRI.",
            Assert.Throws<DomainException>(() => Quiz.Create("q", "Q", "http://example.com/q", ["nope"])).Message);

    [Fact]
    public void Quiz_AllCorrectWithoutQuestions_Throws() =>
        Assert.StartsWith("gradingRule allCorrect needs questionActivityIds",
            Assert.Throws<DomainException>(() => Quiz.Create("q", "Q", "http://example.com/q", null, GradingRuleSpec.AllCorrect)).Message);

    [Fact]
    public void Quiz_WeightOnUnknownQuestion_Throws()
    {
        var rule = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://example.com/q/9"] = 1 }, 1);

        var e = Assert.Throws<DomainException>(() => Quiz.Create("q", "Q", "http://example.com/q", ["http://example.com/q/1"], rule));

        Assert.Equal("gradingRule.weights names 'http://example.com/q/9', which is not one of the quiz's questionActivityIds.", e.Message);
    }

    [Fact]
    public void Assignment_DueOffset_Kept()
    {
        var assignment = Assignment.Create("a", "Essay", "http://example.com/a", dueOffset: TimeSpan.FromDays(3));

        Assert.Equal(TimeSpan.FromDays(3), assignment.DueOffset);
        Assert.Null(assignment.DueDate);
        Assert.Equal("a", assignment.Id);
        Assert.Equal("Essay", assignment.Title);
        Assert.Equal("http://example.com/a", assignment.ActivityId);
    }

    [Fact]
    public void Assignment_DueDate_Kept()
    {
        var due = new DateTimeOffset(2026, 1, 31, 23, 59, 0, TimeSpan.Zero);

        Assert.Equal(due, Assignment.Create("a", "A", "http://example.com/a", dueDate: due).DueDate);
    }

    [Fact]
    public void Assignment_BothDue_Throws() =>
        Assert.StartsWith("dueOffset and dueDate exclude each other",
            Assert.Throws<DomainException>(() => Assignment.Create("a", "A", "http://example.com/a", TimeSpan.FromDays(1), DateTimeOffset.UnixEpoch)).Message);

    [Fact]
    public void Assignment_NonPositiveOffset_Throws() =>
        Assert.StartsWith("dueOffset must be a positive duration",
            Assert.Throws<DomainException>(() => Assignment.Create("a", "A", "http://example.com/a", TimeSpan.Zero)).Message);

    [Fact]
    public void Module_NoItems_Throws() =>
        Assert.StartsWith("lessons, quizzes and assignments are all empty",
            Assert.Throws<DomainException>(() => Module.Create("m", "M")).Message);

    [Fact]
    public void Module_BlankTitle_Throws() =>
        Assert.Equal("title must not be empty.",
            Assert.Throws<DomainException>(() => Module.Create("m", "", [Lesson.Create("l", "L", "urn:x:1")])).Message);

    [Fact]
    public void Module_Items_Kept()
    {
        var lesson = Lesson.Create("l", "L", "urn:x:1");
        var quiz = Quiz.Create("q", "Q", "urn:x:2");
        var assignment = Assignment.Create("a", "A", "urn:x:3");

        var module = Module.Create("m", "M", [lesson], [quiz], [assignment]);

        Assert.Equal("m", module.Id);
        Assert.Equal("M", module.Title);
        Assert.Equal([lesson], module.Lessons);
        Assert.Equal([quiz], module.Quizzes);
        Assert.Equal([assignment], module.Assignments);
    }
}
