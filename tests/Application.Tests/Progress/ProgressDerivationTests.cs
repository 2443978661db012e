using System.Text.Json.Nodes;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;

namespace Lrs.Application.Tests.Progress;

public sealed class ProgressDerivationTests
{
    private readonly Cmi5 _au = new();

    private AttemptKey Key => AttemptKey.Create(_au.LearnerKey, _au.Au, _au.Registration);

    private ProgressFacts Derive(IEnumerable<JsonObject> statements, GradingRule? rule = null) =>
        ProgressDerivation.Derive(Key, Cmi5.Ledger(statements), rule ?? GradingRule.Default);

    [Fact] // cmi5 §9.3: launched … terminated is one attempt, decided by the passed statement
    public void Derive_Session_OneClosedPassedAttempt()
    {
        var session = _au.Session(0);

        var facts = Derive(session);

        var attempt = Assert.Single(facts.Attempts);
        Assert.Equal(1, attempt.Number);
        Assert.Equal(AttemptState.Closed, attempt.State);
        Assert.Equal(AttemptOutcome.Passed, attempt.Outcome);
        Assert.Equal(Cmi5.T0, attempt.OpenedAt);
        Assert.Equal(Cmi5.T0.AddMinutes(7), attempt.ClosedAt);
        Assert.Equal(Cmi5.Course, attempt.CourseId);
        Assert.Equal(0.9, attempt.Score!.Scaled);
        Assert.Equal(100, attempt.Score.Max);
        Assert.True(attempt.Success);
        Assert.True(attempt.Completion);
        Assert.Equal(Cmi5.IdOf(session[5]), attempt.DecidedBy);
        Assert.Equal([$"{_au.Au}/q1", $"{_au.Au}/q2", $"{_au.Au}/q3"], attempt.Interactions.Select(i => i.InteractionId));
        var q1 = attempt.Interactions[0];
        Assert.True(q1.Correct);
        Assert.Equal(1, q1.RawScore);
        Assert.Equal("a", q1.Response);
        Assert.Equal(Cmi5.T0.AddMinutes(2), q1.Timestamp);

        Assert.Equal(CompletionRecord.Create(Key, Cmi5.T0.AddMinutes(6), Cmi5.IdOf(session[6])), facts.Completion);
        Assert.Equal(PassFailRecord.Create(Key, true, Cmi5.T0.AddMinutes(5), Cmi5.IdOf(session[5])), facts.PassFail);
    }

    [Fact] // a new initialized after terminated in the same registration is a new attempt
    public void Derive_TwoSessions_AttemptsNumberedByTime()
    {
        var statements = _au.Session(0, pass: false).Concat(_au.Session(60)).ToList();

        var facts = Derive(statements);

        Assert.Equal([1, 2], facts.Attempts.Select(a => a.Number));
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Passed], facts.Attempts.Select(a => a.Outcome));
        Assert.Equal([Cmi5.T0, Cmi5.T0.AddMinutes(60)], facts.Attempts.Select(a => a.OpenedAt));
        Assert.All(facts.Attempts, a => Assert.Equal(AttemptState.Closed, a.State));
        Assert.False(facts.Attempts[0].Interactions[1].Correct);
        // The pass outweighs the earlier failure; the first completion stands.
        Assert.True(facts.PassFail!.Passed);
        Assert.Equal(Cmi5.IdOf(statements[13]), facts.PassFail.StatementId);
        Assert.Equal(Cmi5.IdOf(statements[6]), facts.Completion!.StatementId);
    }

    [Fact] // out-of-order arrival yields identical results
    public void Derive_ShuffledOrder_SameResult()
    {
        var statements = _au.Session(0, pass: false).Concat(_au.Session(30)).Concat(_au.Session(90)).ToList();
        var expected = Describe(Derive(statements));

        for (var seed = 0; seed < 20; seed++)
        {
            var shuffled = statements.OrderBy(_ => Random.Shared.Next()).ToList();
            Assert.Equal(expected, Describe(Derive(shuffled)));
        }
    }

    [Fact] // same timestamp: ties broken by statement id, not by arrival
    public void Derive_SameTimestamp_TieBrokenById()
    {
        var low = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var high = Guid.Parse("00000000-0000-0000-0000-000000000002");
        var statements = new List<JsonObject>
        {
            _au.Statement(ProgressVerbs.Initialized, 0),
            _au.Statement(ProgressVerbs.Completed, 1, id: high),
            _au.Statement(ProgressVerbs.Completed, 1, id: low),
        };

        Assert.Equal(low, Derive(statements).Completion!.StatementId);
        statements.Reverse();
        Assert.Equal(low, Derive(statements).Completion!.StatementId);
    }

    [Fact] // Data §2.3.2: a voided statement counts for nothing
    public void Derive_VoidedPassed_Removed()
    {
        var session = _au.Session(0);
        var withVoid = session.Append(Cmi5.Voiding(session[5])).ToList();

        var facts = Derive(withVoid);

        var attempt = Assert.Single(facts.Attempts);
        Assert.Equal(AttemptOutcome.Completed, attempt.Outcome);
        Assert.Null(attempt.Score);
        Assert.Null(facts.PassFail);
        Assert.Equal(Describe(Derive(session.Where((_, i) => i != 5))), Describe(facts));
    }

    [Fact]
    public void Derive_VoidedInitialized_NextStatementOpens()
    {
        var session = _au.Session(0);
        var facts = Derive(session.Skip(1).Append(Cmi5.Voiding(session[1])));

        Assert.Equal(Cmi5.T0.AddMinutes(2), Assert.Single(facts.Attempts).OpenedAt);
    }

    [Fact]
    public void Derive_RepeatedStatement_CountsOnce()
    {
        var session = _au.Session(0);

        Assert.Equal(Describe(Derive(session)), Describe(Derive(session.Concat(session))));
    }

    [Fact]
    public void Derive_OtherKeys_Ignored()
    {
        var other = new Cmi5(learner: "mailto:bob@example.com");
        var otherRegistration = new Cmi5(registration: Guid.NewGuid());
        var otherAu = new Cmi5(au: "http://example.com/course/au2");
        var mine = _au.Session(0);

        var facts = Derive(mine.Concat(other.Session(0)).Concat(otherRegistration.Session(3)).Concat(otherAu.Session(5)));

        Assert.Equal(Describe(Derive(mine)), Describe(facts));
    }

    [Fact] // cmi5 §9.3.6
    public void Derive_Abandoned_ClosesAbandoned()
    {
        var facts = Derive([_au.Statement(ProgressVerbs.Launched, 0), _au.Statement(ProgressVerbs.Initialized, 1), _au.Statement(ProgressVerbs.Abandoned, 9)]);

        var attempt = Assert.Single(facts.Attempts);
        Assert.Equal(AttemptOutcome.Abandoned, attempt.Outcome);
        Assert.Equal(Cmi5.T0.AddMinutes(9), attempt.ClosedAt);
        Assert.Null(facts.Completion);
        Assert.Null(facts.PassFail);
    }

    [Fact] // cmi5 §9.3.7: a waiver is its own session, completes and is not a pass
    public void Derive_Waived_NewClosedWaivedAttemptWithCompletion()
    {
        var failedSession = _au.Session(0, pass: false);
        var waived = _au.Statement(ProgressVerbs.Waived, 30, new JsonObject { ["success"] = true, ["completion"] = true });

        var facts = Derive(failedSession.Append(waived));

        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Waived], facts.Attempts.Select(a => a.Outcome));
        Assert.Equal(AttemptState.Closed, facts.Attempts[1].State);
        Assert.Equal(Cmi5.IdOf(failedSession[6]), facts.Completion!.StatementId);
        Assert.False(facts.PassFail!.Passed);
    }

    [Fact]
    public void Derive_WaivedDuringOpenSession_WaivesIt()
    {
        var facts = Derive([_au.Statement(ProgressVerbs.Launched, 0), _au.Statement(ProgressVerbs.Waived, 1)]);

        var attempt = Assert.Single(facts.Attempts);
        Assert.Equal(AttemptOutcome.Waived, attempt.Outcome);
        Assert.Equal(Cmi5.T0.AddMinutes(1), facts.Completion!.CompletedAt);
    }

    [Fact] // content that never announces a session: its first statement opens one, which stays open
    public void Derive_NoLaunch_FirstStatementOpens()
    {
        var facts = Derive([_au.Answer("q1", 3, true), _au.Completed(4)]);

        var attempt = Assert.Single(facts.Attempts);
        Assert.Equal(AttemptState.Open, attempt.State);
        Assert.Equal(Cmi5.T0.AddMinutes(3), attempt.OpenedAt);
        Assert.Equal(AttemptOutcome.Completed, attempt.Outcome);
        Assert.Single(attempt.Interactions);
    }

    [Fact] // cmi5 §9.3.8: nothing counts for a session after its terminated statement
    public void Derive_StatementsAfterTerminated_IgnoredForAttempt()
    {
        var facts = Derive(
        [
            _au.Statement(ProgressVerbs.Initialized, 0), _au.Statement(ProgressVerbs.Terminated, 1),
            _au.Passed(2, 1), _au.Answer("q1", 3, true), _au.Statement(ProgressVerbs.Terminated, 4), _au.Statement(ProgressVerbs.Abandoned, 5),
            _au.Completed(6),
        ]);

        var attempt = Assert.Single(facts.Attempts);
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
        Assert.Empty(attempt.Interactions);
        Assert.Equal(Cmi5.T0.AddMinutes(1), attempt.ClosedAt);
        Assert.Null(facts.PassFail);
        Assert.Equal(Cmi5.T0.AddMinutes(6), facts.Completion!.CompletedAt); // completion is a fact of the registration
    }

    [Fact]
    public void Derive_TerminatedOrAbandonedWithoutSession_NoAttempt()
    {
        var facts = Derive([_au.Statement(ProgressVerbs.Terminated, 1), _au.Statement(ProgressVerbs.Abandoned, 2)]);

        Assert.Empty(facts.Attempts);
    }

    [Fact] // cmi5 §9.3.9: satisfied is about the course, records completion but no attempt
    public void Derive_Satisfied_CompletionWithoutAttempt()
    {
        var course = new Cmi5(au: Cmi5.Course);
        var satisfied = course.Statement(ProgressVerbs.Satisfied, 10);

        var facts = ProgressDerivation.Derive(AttemptKey.Create(course.LearnerKey, Cmi5.Course, course.Registration), [Cmi5.Ledger(satisfied)], GradingRule.Default);

        Assert.Empty(facts.Attempts);
        Assert.Equal(Cmi5.IdOf(satisfied), facts.Completion!.StatementId);
    }

    [Fact] // verbs imply success and completion when the result leaves them out
    public void Derive_VerbsWithoutResult_ImplySuccessAndCompletion()
    {
        var passed = Derive([_au.Statement(ProgressVerbs.Initialized, 0), _au.Statement(ProgressVerbs.Passed, 1)]);
        var failed = Derive([_au.Statement(ProgressVerbs.Initialized, 0), _au.Statement(ProgressVerbs.Failed, 1)]);
        var completed = Derive([_au.Statement(ProgressVerbs.Initialized, 0), _au.Statement(ProgressVerbs.Completed, 1)]);
        var other = Derive([_au.Statement(ProgressVerbs.Initialized, 0), _au.Statement("http://adlnet.gov/expapi/verbs/progressed", 1)]);

        Assert.Equal(AttemptOutcome.Passed, passed.Attempts[0].Outcome);
        Assert.Equal(AttemptOutcome.Failed, failed.Attempts[0].Outcome);
        Assert.Equal(AttemptOutcome.Completed, completed.Attempts[0].Outcome);
        Assert.NotNull(completed.Completion);
        Assert.Equal(AttemptOutcome.Unknown, other.Attempts[0].Outcome);
        Assert.Null(other.Completion);
    }

    [Fact]
    public void Derive_ResultCompletionOnOtherVerb_IsCompletion()
    {
        var facts = Derive([_au.Statement("http://adlnet.gov/expapi/verbs/experienced", 1, new JsonObject { ["completion"] = true })]);

        Assert.NotNull(facts.Completion);
        Assert.True(facts.Attempts[0].Completion);
    }

    [Fact] // an answer's completion is about the question, not the activity
    public void Derive_AnswerWithCompletion_NotACompletion()
    {
        var answer = _au.Answer("q1", 1, true);
        answer["result"]!["completion"] = true;

        Assert.Null(Derive([answer]).Completion);
    }

    [Fact]
    public void Derive_AnswerWithoutResult_NoInteraction()
    {
        var answer = _au.Answer("q1", 1, true);
        answer.Remove("result");

        Assert.Empty(Assert.Single(Derive([answer]).Attempts).Interactions);
    }

    [Fact]
    public void Derive_ScaledScoreThreshold_DecidesOnScaledScore()
    {
        // The content claims a pass, the rule (mastery 0.95) says otherwise.
        var facts = Derive(_au.Session(0), new GradingRule.ScaledScoreThreshold(0.95));

        Assert.Equal(AttemptOutcome.Failed, facts.Attempts[0].Outcome);
        Assert.False(facts.PassFail!.Passed);
    }

    [Fact]
    public void Derive_AllInteractionsCorrect_DecidesOnAnswers()
    {
        Assert.Equal(AttemptOutcome.Passed, Derive(_au.Session(0), new GradingRule.AllInteractionsCorrect()).Attempts[0].Outcome);
        Assert.Equal(AttemptOutcome.Failed, Derive(_au.Session(0, pass: false), new GradingRule.AllInteractionsCorrect()).Attempts[0].Outcome);
    }

    [Fact]
    public void Derive_WeightedPoints_DecidesOnPoints()
    {
        var weights = new Dictionary<string, double> { [$"{_au.Au}/q1"] = 1, [$"{_au.Au}/q2"] = 5, [$"{_au.Au}/q3"] = 1 };

        Assert.Equal(AttemptOutcome.Failed, Derive(_au.Session(0, pass: false), new GradingRule.WeightedPoints(weights, 5)).Attempts[0].Outcome);
        Assert.Equal(AttemptOutcome.Passed, Derive(_au.Session(0, pass: false), new GradingRule.WeightedPoints(weights, 2)).Attempts[0].Outcome);
    }

    [Fact] // the deciding statement of a rule's pass is the answer that made it
    public void Derive_RuleDecides_PassFailNamesDecidingAnswer()
    {
        var session = _au.Session(0);

        var facts = Derive(session, new GradingRule.AllInteractionsCorrect());

        Assert.Equal(Cmi5.IdOf(session[2]), facts.PassFail!.StatementId);
    }

    [Fact]
    public void KeyOf_Interaction_CountsForParent()
    {
        var key = ProgressDerivation.KeyOf(Cmi5.Ledger(_au.Answer("q1", 1, true)));

        Assert.Equal(Key, key);
    }

    [Fact]
    public void KeyOf_InteractionWithoutParent_CountsForItself()
    {
        var answer = _au.Answer("q1", 1, true);
        answer["context"]!["contextActivities"]!.AsObject().Remove("parent");

        Assert.Equal($"{_au.Au}/q1", ProgressDerivation.KeyOf(Cmi5.Ledger(answer))!.Value.ActivityId);
    }

    [Fact]
    public void KeyOf_NoAttempt_ForVoidingAnonymousAndNonActivity()
    {
        var anonymous = _au.Statement(ProgressVerbs.Completed, 1);
        anonymous["actor"] = new JsonObject { ["objectType"] = "Group", ["member"] = new JsonArray(new JsonObject { ["mbox"] = "mailto:a@b.c" }) };
        var agentObject = _au.Statement("http://adlnet.gov/expapi/verbs/mentored", 1);
        agentObject["object"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:x@example.com" };
        var noRegistration = _au.Statement(ProgressVerbs.Completed, 1);
        noRegistration["context"]!.AsObject().Remove("registration");

        Assert.Null(ProgressDerivation.KeyOf(Cmi5.Ledger(Cmi5.Voiding(_au.Completed(1)))));
        Assert.Null(ProgressDerivation.KeyOf(Cmi5.Ledger(anonymous)));
        Assert.Null(ProgressDerivation.KeyOf(Cmi5.Ledger(agentObject)));
        Assert.Null(ProgressDerivation.KeyOf(Cmi5.Ledger(noRegistration))!.Value.Registration);
    }

    [Fact]
    public void Parse_ReadsWhatProgressNeeds()
    {
        var passed = _au.Passed(5, 0.9);
        passed.Remove("timestamp");
        passed["context"]!["contextActivities"]!["grouping"] = new JsonObject { ["id"] = Cmi5.Course }; // one object, not an array

        var s = Cmi5.Ledger(passed);

        Assert.Equal(DateTimeOffset.Parse("2024-06-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Timestamp);
        Assert.Equal(_au.LearnerKey, s.ActorKey);
        Assert.Equal(ProgressVerbs.Passed, s.VerbId);
        Assert.Equal(_au.Au, s.ObjectId);
        Assert.Null(s.ObjectTypeIri);
        Assert.Equal(_au.Registration, s.Registration);
        Assert.Empty(s.ParentIds);
        Assert.Equal([Cmi5.Course], s.GroupingIds);
        Assert.Equal(new LedgerResult(0.9, 90, 0, 100, true, null, null), s.Result);
        Assert.True(s.Result!.HasScore);
        Assert.False(s.IsVoiding);
        Assert.False(s.IsInteraction);
    }

    [Fact]
    public void Parse_VoidingStatement_NamesTarget()
    {
        var target = _au.Completed(1);

        var voiding = Cmi5.Ledger(Cmi5.Voiding(target));

        Assert.True(voiding.IsVoiding);
        Assert.Equal(Cmi5.IdOf(target), voiding.VoidedTarget);
        Assert.Null(voiding.ObjectId);
    }

    [Fact]
    public void Parse_ResultWithoutScore_HasNoScore()
    {
        var s = Cmi5.Ledger(_au.Statement(ProgressVerbs.Completed, 1, new JsonObject { ["completion"] = "yes", ["duration"] = "PT1M" }));

        Assert.False(s.Result!.HasScore);
        Assert.Null(s.Result.Completion);
    }

    private static string Describe(ProgressFacts facts) => string.Join("\n",
        facts.Attempts.Select(a => $"{a.Number} {a.State} {a.Outcome} {a.OpenedAt:O} {a.ClosedAt:O} {a.Score} {a.Success} {a.Completion} {a.DecidedBy} {a.CourseId} "
            + string.Join(",", a.Interactions.Select(i => i.ToString())))
        .Append($"{facts.Completion}")
        .Append($"{facts.PassFail}"));
}
