using Lrs.Domain.Progress;
using Lrs.Domain.Tenancy;
using Lrs.Domain.Xapi;

namespace Lrs.Domain.Tests;

/// <summary>Domain errors reach API clients and logs, so each says which rule was broken.</summary>
public sealed class DomainMessagesTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly AttemptKey Key = AttemptKey.Create("mbox:mailto:ann@example.com", "http://example.com/au", null);
    private static readonly AttemptKey OtherKey = AttemptKey.Create("mbox:mailto:bob@example.com", "http://example.com/au", null);

    public static TheoryData<Action, string> Violations => new()
    {
        { () => AttemptKey.Create(" ", "http://x", null), "learner" },
        { () => AttemptKey.Create("mbox:mailto:a@b.c", " ", null), "activity" },
        { () => Attempt.Open(Key, 0, T0, GradingRule.Default), "numbered from 1" },
        { () => Attempt.Open(Key, 1, T0, GradingRule.Default).Close(T0.AddTicks(-1)), "before it opened" },
        { () => InteractionResult.Create("", true, null, null, T0), "interaction's id" },
        { () => Score.Create(2, null, null, null), "between -1 and 1" },
        { () => new GradingRule.ScaledScoreThreshold(2), "mastery score" },
        { () => new GradingRule.WeightedPoints(new Dictionary<string, double>(), 1), "at least one weight" },
        { () => CompletionRecord.Create(Key, T0, Guid.Empty), "statement that completed" },
        { () => CompletionRecord.Create(Key, T0, Guid.NewGuid()).Merge(CompletionRecord.Create(OtherKey, T0, Guid.NewGuid())), "same learner" },
        { () => PassFailRecord.Create(Key, true, T0, Guid.Empty), "deciding statement" },
        { () => PassFailRecord.Create(Key, true, T0, Guid.NewGuid()).Merge(PassFailRecord.Create(OtherKey, true, T0, Guid.NewGuid())), "same learner" },
        { () => Tenant.Create(" ", T0), "name" },
        { () => Credential.Issue(Guid.NewGuid(), "a:b", "n", "h", XapiScope.All, T0), "':'" },
        { () => Credential.Issue(Guid.NewGuid(), "key", "n", "h", XapiScope.None, T0), "at least one scope" },
        { () => XapiScopes.Parse("nope"), "Known scopes" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Violation_Throws_DomainExceptionSayingWhy(Action violation, string phrase)
    {
        var e = Assert.Throws<DomainException>(violation);

        Assert.Contains(phrase, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_Twice_SaysAlreadyRevoked()
    {
        var credential = Credential.Issue(Guid.NewGuid(), "key", "n", "h", XapiScope.All, T0);
        credential.Revoke(T0);

        Assert.Contains("already revoked", Assert.Throws<DomainException>(() => credential.Revoke(T0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_Twice_NamesTheAttempt()
    {
        var attempt = Attempt.Open(Key, 2, T0, GradingRule.Default);
        attempt.Close(T0);

        Assert.Equal($"Attempt 2 of {Key} is closed.", Assert.Throws<DomainException>(() => attempt.Close(T0)).Message);
    }

    [Fact] // Equal records: the receiver is kept, so merging is stable
    public void Merge_EqualCandidates_KeepsReceiver()
    {
        var id = Guid.NewGuid();
        var first = CompletionRecord.Create(Key, T0, id);
        var second = CompletionRecord.Create(Key, T0, id);
        var pass = PassFailRecord.Create(Key, true, T0, id);
        var samePass = PassFailRecord.Create(Key, true, T0, id);

        Assert.Same(first, first.Merge(second));
        Assert.Same(second, second.Merge(first));
        Assert.Same(pass, pass.Merge(samePass));
        Assert.Same(samePass, samePass.Merge(pass));
    }

    [Fact] // Data §2.3.1: the domain part is case-insensitive, even with nothing before the @
    public void Mbox_AtFirst_LowerCasesDomain() => Assert.Equal("mbox:@example.com", AgentIdentity.Mbox("@EXAMPLE.com").Key);
}
