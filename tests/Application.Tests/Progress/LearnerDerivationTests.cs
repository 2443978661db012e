using Lrs.Application.Progress;
using Lrs.Domain.Progress;

namespace Lrs.Application.Tests.Progress;

/// <summary>The data-model seed's learner read models as pure functions (docs/decisions/0008), and the facts between two snapshots.</summary>
public sealed class LearnerDerivationTests
{
    private static readonly DateTimeOffset T0 = new(2024, 2, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Ann = "mbox:mailto:ann@example.com";
    private const string Quiz = "http://example.com/quiz";
    private static readonly Guid Tenant = Guid.Parse("0b7c1a52-9f0e-4d55-8c43-6f1e2a3b4c5d");

    private static ItemState Item(string module, string kind, int position, int? viewed = null, int? completed = null) =>
        new(module, $"i{position}", $"http://example.com/i{position}", kind, position,
            viewed is null ? null : T0.AddMinutes(viewed.Value), completed is null ? null : T0.AddMinutes(completed.Value),
            viewed is null ? null : T0.AddMinutes(Math.Max(viewed.Value, completed ?? 0)));

    private static AttemptView Attempt(int number, AttemptState state, AttemptOutcome outcome, double? scaled = null, double? raw = null, double? max = null,
        int? closed = null, params InteractionResult[] interactions) =>
        new(Ann, Quiz, null, number, "c", state, outcome, scaled, raw, null, max, null, null, T0, closed is null ? null : T0.AddMinutes(closed.Value),
            null, null, interactions);

    private static InteractionResult Answer(string question, bool? correct, int minute, string? response = null) =>
        InteractionResult.Create($"{Quiz}/{question}", correct, null, response, T0.AddMinutes(minute));

    [Fact]
    public void Modules_MixedItems_CountsPercentStatusAndTimes()
    {
        var modules = LearnerDerivation.Modules(Ann, "c",
        [
            Item("m2", "lesson", 2), // an untouched module, listed second because of its position
            Item("m1", "lesson", 0, viewed: 1, completed: 5),
            Item("m1", "quiz", 1, viewed: 6),
            Item("m3", "assignment", 3, viewed: 7, completed: 9),
        ]);

        Assert.Equal(["m1", "m2", "m3"], modules.Select(m => m.ModuleId));
        Assert.Equal(("in-progress", 50m, 1, 1, 1, 0), (modules[0].Status, modules[0].Percent, modules[0].TotalLessons, modules[0].CompletedLessons,
            modules[0].TotalQuizzes, modules[0].CompletedQuizzes));
        Assert.Equal((T0.AddMinutes(1), (DateTimeOffset?)null), (modules[0].StartedAt!.Value, modules[0].CompletedAt));
        Assert.Equal(("not-started", 0m, (DateTimeOffset?)null), (modules[1].Status, modules[1].Percent, modules[1].StartedAt));
        Assert.Equal(("completed", 100m, T0.AddMinutes(9), 2), (modules[2].Status, modules[2].Percent, modules[2].CompletedAt!.Value, modules[2].Position));
    }

    [Fact] // data-model seed: QuizAttempt counts; the last answer to a question counts, in the order answered
    public void QuizAttempts_DeclaredQuestions_CorrectIncorrectUnansweredAndTimes()
    {
        var quiz = Item("m", "quiz", 0) with { ActivityId = Quiz, ItemId = "quiz" };
        var attempt = Attempt(1, AttemptState.Closed, AttemptOutcome.Failed, closed: 10, interactions:
            [Answer("1", false, 2, "a"), Answer("2", true, 3), Answer("1", true, 5, "b"), Answer("extra", false, 6)]);

        var view = Assert.Single(LearnerDerivation.QuizAttempts(Ann, "c", quiz, [$"{Quiz}/1", $"{Quiz}/2", $"{Quiz}/3"],
            [attempt, Attempt(1, AttemptState.Open, AttemptOutcome.Unknown) with { ActivityId = "http://example.com/other" }]));

        Assert.Equal(("completed", 3, 2, 0, 1), (view.Status, view.TotalQuestions, view.CorrectAnswers, view.IncorrectAnswers, view.UnansweredQuestions));
        Assert.Equal(66.67m, view.ScorePercent); // no reported score: correct of declared questions
        Assert.Equal((600, false), (view.TimeSpentSeconds, view.Passed));
        Assert.Equal([($"{Quiz}/2", 180), ($"{Quiz}/1", 120), ($"{Quiz}/extra", 60)], view.Responses.Select(r => (r.QuestionId, r.TimeSpentSeconds)));
        Assert.Equal("b", view.Responses[1].Response);
    }

    [Theory] // the reported scaled score, else raw of max, else nothing without answers
    [InlineData(0.755, null, null, 75.5)]
    [InlineData(null, 3.0, 4.0, 75.0)]
    [InlineData(null, 3.0, null, null)]
    public void QuizAttempts_ReportedScore_Percent(double? scaled, double? raw, double? max, double? expected)
    {
        var quiz = Item("m", "quiz", 0) with { ActivityId = Quiz };

        var view = Assert.Single(LearnerDerivation.QuizAttempts(Ann, "c", quiz, [], [Attempt(1, AttemptState.Open, AttemptOutcome.Unknown, scaled, raw, max)]));

        Assert.Equal(expected is null ? null : (decimal)expected.Value, view.ScorePercent);
        Assert.Equal(("in-progress", 0, 0), (view.Status, view.TotalQuestions, view.TimeSpentSeconds));
    }

    [Fact]
    public void QuizAttempts_Abandoned_StatusAbandoned()
    {
        var quiz = Item("m", "quiz", 0) with { ActivityId = Quiz };

        var view = Assert.Single(LearnerDerivation.QuizAttempts(Ann, "c", quiz, [], [Attempt(2, AttemptState.Closed, AttemptOutcome.Abandoned, closed: 3)]));

        Assert.Equal(("abandoned", 2), (view.Status, view.AttemptNumber));
    }

    private static LedgerStatement Ledger(string verb, int minute, LedgerResult? result = null, string? instructor = null, string? actor = Ann) =>
        new(Guid.NewGuid(), T0.AddMinutes(minute), actor, verb, "http://example.com/i0", null, null, [], [], result, null) { InstructorKey = instructor };

    [Fact] // docs/decisions/0008: submit is a submission, a later grading statement grades the latest one
    public void Submissions_SubmitGradeResubmit_LatestGradedOnly()
    {
        var essay = Item("m", "assignment", 0);
        LedgerResult Score(double raw, string? feedback = null) => new(null, raw, null, 10, null, null, feedback);

        var submissions = LearnerDerivation.Submissions(Ann, "c", essay,
        [
            Ledger(ProgressVerbs.Scored, 0, Score(1)), // grades nothing: no submission yet
            Ledger(ProgressVerbs.Submitted, 1, new LedgerResult(null, null, null, null, null, null, "draft one")),
            Ledger(ProgressVerbs.Scored, 2, Score(4, "weak"), instructor: "mbox:mailto:t@example.com"),
            Ledger(ProgressVerbs.Submitted, 3, new LedgerResult(null, null, null, null, null, null, "http://example.com/v2")),
            Ledger(ProgressVerbs.Passed, 4, Score(9)),
            Ledger(ProgressVerbs.Submitted, 5, actor: "mbox:mailto:bob@example.com"),
        ]);

        Assert.Equal([("graded", "text", (double?)4, "weak"), ("graded", "link", 9, null)],
            submissions.Select(s => (s.Status, s.SubmissionType, s.Score, s.Feedback)));
        Assert.Equal(("draft one", (string?)null, "mbox:mailto:t@example.com"), (submissions[0].TextContent, submissions[0].LinkUrl, submissions[0].GradedBy));
        Assert.Equal("http://example.com/v2", submissions[1].LinkUrl);
        Assert.Equal(9, LearnerDerivation.Points([], submissions)); // an assignment counts its latest graded submission only
    }

    [Fact]
    public void Submissions_SubmitWithoutResponse_NoType()
    {
        var submission = Assert.Single(LearnerDerivation.Submissions(Ann, "c", Item("m", "assignment", 0), [Ledger(ProgressVerbs.Submitted, 0)]));

        Assert.Equal(("submitted", (string?)null, (DateTimeOffset?)null), (submission.Status, submission.SubmissionType, submission.GradedAt));
    }

    private static CourseProgressView Course(string id, string status, int started, int? completed = null) =>
        new(Ann, id, status, 0, 1, 0, T0.AddMinutes(started), completed is null ? null : T0.AddMinutes(completed.Value), T0.AddMinutes(completed ?? started));

    [Fact] // data-model seed: LearningPathProgress
    public void LearningPath_SomeCoursesCompleted_PercentAndCurrentCourse()
    {
        var progress = new Dictionary<string, CourseProgressView> { ["b"] = Course("b", "completed", 5, 9), ["c"] = Course("c", "in-progress", 2) };

        var path = LearnerDerivation.LearningPath(Ann, "p", ["a", "b", "c"], progress)!;
        var done = LearnerDerivation.LearningPath(Ann, "p", ["b"], progress)!;

        Assert.Equal(("in-progress", 33.33m, 1, 3, "a"), (path.Status, path.Percent, path.CompletedCourses, path.TotalCourses, path.CurrentCourseId));
        Assert.Equal((T0.AddMinutes(2), (DateTimeOffset?)null, T0.AddMinutes(9)), (path.StartedAt!.Value, path.CompletedAt, path.LastActivityAt!.Value));
        Assert.Equal(("completed", 100m, (string?)null, T0.AddMinutes(9)), (done.Status, done.Percent, done.CurrentCourseId, done.CompletedAt!.Value));
        Assert.Null(LearnerDerivation.LearningPath(Ann, "p", ["x"], progress));
    }

    [Fact]
    public void User_CoursesAndModules_Totals()
    {
        var modules = LearnerDerivation.Modules(Ann, "b", [Item("m", "lesson", 0, 1, 2), Item("m", "quiz", 1), Item("m", "assignment", 2, 3, 4)]);
        var other = LearnerDerivation.Modules(Ann, "unstarted", [Item("m", "lesson", 0)]);

        var user = LearnerDerivation.User(Ann, [Course("b", "completed", 1, 4), Course("c", "in-progress", 0)], [.. modules, .. other], 7)!;

        Assert.Equal(new UserProgressView(Ann, 2, 1, 1, 1, 1, 1, 0, 1, 1, 7, T0.AddMinutes(4)), user);
        Assert.Null(LearnerDerivation.User(Ann, [], modules, 0));
    }

    [Fact] // points: best raw score per quiz activity
    public void Points_QuizAttempts_BestRawPerQuiz() =>
        Assert.Equal(8, LearnerDerivation.Points([Attempt(1, AttemptState.Closed, AttemptOutcome.Failed, raw: 3.5), Attempt(2, AttemptState.Closed, AttemptOutcome.Passed, raw: 7.5),
            Attempt(1, AttemptState.Open, AttemptOutcome.Unknown)], []));

    private static LessonProgressView Lesson(string activity, int? completed) =>
        new(Ann, "c", "m", activity, "lesson", 0, T0, completed is null ? null : T0.AddMinutes(completed.Value), T0);

    [Fact] // facts: only what became true; a recompute that changes nothing finds nothing; ids depend on content only
    public void Between_NewCompletions_FactsWithStableIds()
    {
        var before = new LearnerSnapshot([Course("c", "in-progress", 0)], [Lesson("l1", 1), Lesson("l2", null)], [], [], [], []);
        var quiz = new QuizAttemptView(Ann, "c", "m", "q", Quiz, null, 1, "completed", 80m, 5, 4, 1, 0, 60, true, T0, T0.AddMinutes(3), []);
        var submission = new AssignmentSubmissionView(Ann, "c", "m", "a", "http://example.com/a", Guid.NewGuid(), "submitted", null, null, null,
            null, null, null, null, T0.AddMinutes(4), null);
        var after = new LearnerSnapshot([Course("c", "completed", 0, 2) with { Percent = 100 }], [Lesson("l1", 1), Lesson("l2", 2)], [quiz], [submission], [], []);

        var facts = LearnerFacts.Between(Tenant, Ann, before, after);

        Assert.Equal(["ProgressUpdated", "CourseCompleted", "QuizCompleted", "AssignmentSubmitted"], facts.Select(f => f.Type));
        var progress = Assert.IsType<ProgressUpdated>(facts[0]);
        Assert.Equal(("l2", 100m, T0.AddMinutes(2)), (progress.ActivityId, progress.PercentComplete, progress.OccurredAt));
        Assert.Equal(facts.Select(f => f.Id), LearnerFacts.Between(Tenant, Ann, LearnerSnapshot.Empty, after).Where(f => f.Type != "ProgressUpdated" || ((ProgressUpdated)f).ActivityId == "l2").Select(f => f.Id));
        Assert.Empty(LearnerFacts.Between(Tenant, Ann, after, after));
        Assert.NotEqual(facts[1].Id, LearnerFacts.Between(Guid.NewGuid(), Ann, before, after)[1].Id);
        Assert.All(facts, f => Assert.Equal(8, f.Id.Version));
    }
}
