using System.Text.Json.Nodes;
using Lrs.Application.Progress;
using Lrs.Application.Tests.Progress;
using Lrs.Domain.Progress;

namespace Lrs.Application.Tests.Events;

/// <summary>Which facts of a recomputed key become events (seed 000 §8: multiple passing statements → one completion).</summary>
public sealed class ProgressEventsTests
{
    private static readonly Guid Tenant = Guid.Parse("0190aaaa-0000-7000-8000-0000000000ff");
    private readonly Cmi5 _au = new();

    private AttemptKey Key => AttemptKey.Create(_au.LearnerKey, _au.Au, _au.Registration);

    private ProgressFacts Derive(IEnumerable<JsonObject> statements) => ProgressDerivation.Derive(Key, Cmi5.Ledger(statements), GradingRule.Default);

    private static KeyState StateOf(ProgressFacts facts) =>
        new(facts.Attempts.ToDictionary(a => a.Number, a => a.State), facts.Completion is not null);

    [Fact]
    public void Changes_FirstProjectionOfSession_OpenedClosedAndCompletion()
    {
        var events = ProgressEvents.Changes(Tenant, KeyState.Empty, Derive(_au.Session(0)));

        Assert.Equal(["progress.attempt.opened.v1", "progress.attempt.closed.v1", "progress.completion.recorded.v1"], events.Select(e => e.MessageType));
        var completion = JsonNode.Parse(events[2].Payload)!;
        Assert.Equal("passed", completion["passFail"]!.GetValue<string>());
        Assert.Equal(_au.LearnerKey, completion["learnerKey"]!.GetValue<string>());
        Assert.All(events, e => Assert.Equal(events[0].AggregateKey, e.AggregateKey));
    }

    [Fact]
    public void Changes_RecomputeWithNothingNew_NoEvents()
    {
        var facts = Derive(_au.Session(0));

        Assert.Empty(ProgressEvents.Changes(Tenant, StateOf(facts), facts));
    }

    [Fact] // seed 000 §8: the completion record is idempotent, so is its event
    public void Changes_SecondCompletingStatement_NoSecondCompletion()
    {
        var first = Derive([_au.Statement(ProgressVerbs.Launched, 0), _au.Completed(1)]);
        var second = Derive([_au.Statement(ProgressVerbs.Launched, 0), _au.Completed(1), _au.Completed(2), _au.Passed(3, 1)]);

        Assert.DoesNotContain(ProgressEvents.Changes(Tenant, StateOf(first), second), e => e.MessageType == "progress.completion.recorded.v1");
    }

    [Fact]
    public void Changes_OpenAttemptThenTerminated_OnlyClosed()
    {
        var open = Derive([_au.Statement(ProgressVerbs.Launched, 0)]);
        var closed = Derive([_au.Statement(ProgressVerbs.Launched, 0), _au.Statement(ProgressVerbs.Terminated, 5)]);

        var e = Assert.Single(ProgressEvents.Changes(Tenant, StateOf(open), closed));
        Assert.Equal("progress.attempt.closed.v1", e.MessageType);
    }

    [Fact] // a rebuild derives the same facts again: the same message ids, which the outbox and inboxes drop
    public void Changes_SameFactDerivedAgain_SameMessageIds()
    {
        var once = ProgressEvents.Changes(Tenant, KeyState.Empty, Derive(_au.Session(0)));
        var again = ProgressEvents.Changes(Tenant, KeyState.Empty, Derive(_au.Session(0)));
        var otherTenant = ProgressEvents.Changes(Guid.NewGuid(), KeyState.Empty, Derive(_au.Session(0)));

        Assert.Equal(once.Select(e => e.MessageId), again.Select(e => e.MessageId));
        Assert.Empty(once.Select(e => e.MessageId).Intersect(otherTenant.Select(e => e.MessageId)));
        Assert.Equal(3, once.Select(e => e.MessageId).Distinct().Count());
    }
}
