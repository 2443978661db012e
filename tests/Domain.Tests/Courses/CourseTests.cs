using Lrs.Domain.Courses;

namespace Lrs.Domain.Tests.Courses;

public class CourseTests
{
    private static Lesson LessonOf(string id) => Lesson.Create(id, "Lesson " + id, $"http://example.com/lessons/{id}");

    private static Module ModuleOf(string id, params Lesson[] lessons) => Module.Create(id, "Module " + id, lessons);

    [Fact]
    public void Define_ValidStructure_KeepsEverythingInOrder()
    {
        var quiz = Quiz.Create("q1", "Quiz", "http://example.com/quiz", ["http://example.com/quiz/1"]);
        var assignment = Assignment.Create("a1", "Essay", "http://example.com/essay", dueOffset: TimeSpan.FromDays(7));
        var rule = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://example.com/quiz"] = 2, ["http://example.com/essay"] = 1 }, 2);

        var course = Course.Define(" geology-101 ", " Geology ", [
            Module.Create("m1", "Basics", [LessonOf("l1"), LessonOf("l2")], [quiz], [assignment]),
            ModuleOf("m2", LessonOf("l3")),
        ], rule);

        Assert.Equal("geology-101", course.Id);
        Assert.Equal("Geology", course.Title);
        Assert.Equal(["m1", "m2"], course.Modules.Select(m => m.Id));
        Assert.Equal(rule, course.GradingRule);
        Assert.Equal(
            [
                new CourseItem("m1", "l1", CourseItemKind.Lesson, "http://example.com/lessons/l1", 0),
                new CourseItem("m1", "l2", CourseItemKind.Lesson, "http://example.com/lessons/l2", 1),
                new CourseItem("m1", "q1", CourseItemKind.Quiz, "http://example.com/quiz", 2),
                new CourseItem("m1", "a1", CourseItemKind.Assignment, "http://example.com/essay", 3),
                new CourseItem("m2", "l3", CourseItemKind.Lesson, "http://example.com/lessons/l3", 4),
            ],
            course.Items());
    }

    [Fact]
    public void Define_IriId_Accepted() =>
        Assert.Equal("http://example.com/courses/1", Course.Define("http://example.com/courses/1", "C", [ModuleOf("m", LessonOf("l"))]).Id);

    [Theory]
    [InlineData(null, "id is required")]
    [InlineData("  ", "id is required")]
    [InlineData("has space", "must be an absolute IRI or a slug")]
    [InlineData("a/b", "must be an absolute IRI or a slug")]
    public void Define_BadId_Throws(string? id, string message)
    {
        var e = Assert.Throws<DomainException>(() => Course.Define(id, "C", [ModuleOf("m", LessonOf("l"))]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Define_IdTooLong_Throws() =>
        Assert.Contains("longer than", Assert.Throws<DomainException>(() => Course.Define(new string('a', 513), "C", [ModuleOf("m", LessonOf("l"))])).Message);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    public void Define_BlankTitle_Throws(string? title) =>
        Assert.Equal("title must not be empty.", Assert.Throws<DomainException>(() => Course.Define("c", title, [ModuleOf("m", LessonOf("l"))])).Message);

    [Fact]
    public void Define_NoModules_Throws() =>
        Assert.Equal("modules must contain at least one lesson.", Assert.Throws<DomainException>(() => Course.Define("c", "C", null)).Message);

    [Fact]
    public void Define_OnlyQuizzes_ThrowsForWantOfALesson()
    {
        var module = Module.Create("m", "M", quizzes: [Quiz.Create("q", "Q", "http://example.com/q")]);

        Assert.Equal("modules must contain at least one lesson.", Assert.Throws<DomainException>(() => Course.Define("c", "C", [module])).Message);
    }

    [Fact]
    public void Define_DuplicateModuleId_NamesBothPlaces()
    {
        var e = Assert.Throws<DomainException>(() => Course.Define("c", "C", [ModuleOf("m", LessonOf("l1")), ModuleOf("m", LessonOf("l2"))]));

        Assert.Equal("modules[1].id 'm' is already used by modules[0]; ids must be unique within a course.", e.Message);
    }

    [Fact]
    public void Define_DuplicateItemIdAcrossKinds_Throws()
    {
        var module = Module.Create("m", "M", [LessonOf("x")], [Quiz.Create("x", "Q", "http://example.com/q")]);

        var e = Assert.Throws<DomainException>(() => Course.Define("c", "C", [module]));

        Assert.StartsWith("modules[0].quizzes[0].id 'x' is already used by modules[0].lessons[0]", e.Message);
    }

    [Fact]
    public void Define_DuplicateActivityIdAcrossModules_Throws()
    {
        var e = Assert.Throws<DomainException>(() => Course.Define("c", "C", [
            ModuleOf("m1", LessonOf("l")),
            Module.Create("m2", "M2", assignments: [Assignment.Create("a", "A", "http://example.com/lessons/l")]),
        ]));

        Assert.StartsWith("modules[1].assignments[0].activityId 'http://example.com/lessons/l' is already used by modules[0].lessons[0]", e.Message);
    }

    [Fact]
    public void Define_ModuleIdEqualToItemId_Allowed() =>
        Assert.Single(Course.Define("c", "C", [ModuleOf("same", LessonOf("same"))]).Items());

    [Fact]
    public void Define_CourseWeightsNameUnknownActivity_Throws()
    {
        var rule = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://example.com/other"] = 1 }, 1);

        var e = Assert.Throws<DomainException>(() => Course.Define("c", "C", [ModuleOf("m", LessonOf("l"))], rule));

        Assert.Equal("gradingRule.weights names 'http://example.com/other', which is not the activityId of an item of the course.", e.Message);
    }

    [Theory]
    [InlineData(GradingRuleKind.Reported)]
    [InlineData(GradingRuleKind.AllCorrect)]
    public void Define_CourseRuleWithoutWeights_Kept(GradingRuleKind kind)
    {
        var rule = kind == GradingRuleKind.Reported ? GradingRuleSpec.Reported : GradingRuleSpec.AllCorrect;

        Assert.Equal(kind, Course.Define("c", "C", [ModuleOf("m", LessonOf("l"))], rule).GradingRule!.Kind);
    }
}
