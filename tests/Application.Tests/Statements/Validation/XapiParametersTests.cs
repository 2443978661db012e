using Lrs.Application.Statements.Validation;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>Data §2.2: parameter values are validated to the same standards as the same types in statements.</summary>
public sealed class XapiParametersTests
{
    [Theory]
    [InlineData("""{"mbox":"mailto:ann@example.com"}""", "mbox:mailto:ann@example.com")]
    [InlineData("""{"objectType":"Agent","mbox":"mailto:Ann@Example.COM"}""", "mbox:mailto:Ann@example.com")]
    [InlineData("""{"mbox_sha1sum":"EBD31E95054C018B10727CCFFD2EF2EC3A016EE9"}""", "mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9")]
    [InlineData("""{"openid":"http://toby.openid.example.org/"}""", "openid:http://toby.openid.example.org/")]
    [InlineData("""{"account":{"homePage":"http://www.example.com","name":"1625378"}}""", "account:http://www.example.com 1625378")]
    [InlineData("""{"objectType":"Group","mbox":"mailto:team@example.com"}""", "mbox:mailto:team@example.com")]
    public void TryParseAgent_AgentOrIdentifiedGroup_ReturnsIdentity(string json, string key)
    {
        // Communication §2.1.3: the agent parameter is an Agent or identified Group with one identifier.
        Assert.True(XapiParameters.TryParseAgent(json, out var identity, out var error), error);
        Assert.Equal(key, identity.Key);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("""{"name":"Ann"}""", "agent:")]
    [InlineData("""{"mbox":"mailto:ann@example.com","openid":"http://ann.example.org/"}""", "more than one")]
    [InlineData("""{"mbox":"ann@example.com"}""", "agent.mbox:")]
    [InlineData("""{"mbox":"mailto:ann@example.com","age":3}""", "agent.age: is not a property of an Agent")]
    [InlineData("""{"objectType":"Group","member":[{"mbox":"mailto:a@example.com"}]}""", "identified Group")]
    [InlineData("""{"account":{"homePage":"example.com","name":"1"}}""", "agent.account.homePage")]
    [InlineData("""["mailto:ann@example.com"]""", "agent: must be an Agent or Group object, not an array")]
    [InlineData("""{"mbox":"mailto:ann@example.com" """, "Malformed JSON")]
    [InlineData("""{"mbox":"mailto:a@example.com","mbox":"mailto:b@example.com"}""", "appears more than once")]
    [InlineData("mailto:ann@example.com", "Malformed JSON")]
    public void TryParseAgent_Invalid_ReturnsFalseWithReason(string json, string reason)
    {
        // Data §2.2, §2.4.2: the same rules as Agents in statements.
        Assert.False(XapiParameters.TryParseAgent(json, out var identity, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Equal(default(AgentIdentity), identity);
    }

    [Theory]
    [InlineData("fd41c918-b88b-4b20-a0a5-a4c32391aaa0")]
    [InlineData("FD41C918-B88B-4B20-A0A5-A4C32391AAA0")]
    [InlineData("12345678-1234-5678-1234-567812345678")]
    public void TryParseUuid_StandardForm_Parses(string value)
    {
        // Data §4.4: UUIDs in the standard string form, any case.
        Assert.True(XapiParameters.TryParseUuid(value, out var id));
        Assert.Equal(Guid.Parse(value), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fd41c918b88b4b20a0a5a4c32391aaa0")]
    [InlineData("{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}")]
    [InlineData("(fd41c918-b88b-4b20-a0a5-a4c32391aaa0)")]
    [InlineData(" fd41c918-b88b-4b20-a0a5-a4c32391aaa0")]
    [InlineData("fd41c918-b88b-4b20-a0a5-a4c32391aaa")]
    [InlineData("fd41c918-b88b4-b20-a0a5-a4c32391aaa0")]
    [InlineData("gd41c918-b88b-4b20-a0a5-a4c32391aaa0")]
    [InlineData(null)]
    public void TryParseUuid_OtherForms_Rejected(string? value)
    {
        // Data §4.4: UUIDs MUST be in the standard string form (8-4-4-4-12, hyphens only).
        Assert.False(XapiParameters.TryParseUuid(value!, out var id));
        Assert.Equal(Guid.Empty, id);
    }

    [Theory]
    [InlineData("2013-05-18T05:32:34.804Z", "2013-05-18T05:32:34.8040000+00:00")]
    [InlineData("2013-05-18T05:32:34.804+02:00", "2013-05-18T05:32:34.8040000+02:00")]
    [InlineData("2013-05-18T05:32:34.123456789-05:30", "2013-05-18T05:32:34.1234567-05:30")]
    [InlineData("20130518T053234Z", "2013-05-18T05:32:34.0000000+00:00")]
    [InlineData("2013-05-18T05:32:34", "2013-05-18T05:32:34.0000000+00:00")]
    [InlineData("2013-05-18T05:32+0100", "2013-05-18T05:32:00.0000000+01:00")]
    [InlineData("2013-05-18T05:32:34+23:30", "2013-05-17T06:02:34.0000000+00:00")]
    public void TryParseTimestamp_Iso8601_ParsesInstant(string value, string expected)
    {
        // Data §4.5: ISO 8601 timestamps; the instant is preserved to at least milliseconds.
        var instant = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(XapiParameters.TryParseTimestamp(value, out var parsed));
        Assert.Equal(instant, parsed);
        Assert.Equal(instant.Offset, parsed.Offset);
    }

    [Theory]
    [InlineData("2013-05-18")]
    [InlineData("2013-05-18T05:32:34-00:00")]
    [InlineData("2013-05-18T05:32:34.804+02:00:00")]
    [InlineData("2013-0518T05:32:34Z")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("1368855154")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseTimestamp_NotIso8601_Rejected(string? value)
    {
        // Data §4.5: a Timestamp MUST be formatted according to ISO 8601.
        Assert.False(XapiParameters.TryParseTimestamp(value!, out _));
    }

    [Theory]
    [InlineData("http://example.com/activities/1", true)]
    [InlineData("urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0", true)]
    [InlineData("http://例え.jp/活動", true)]
    [InlineData("tag:example.com,2024:quiz", true)]
    [InlineData("activities/1", false)]
    [InlineData("", false)]
    [InlineData("http://example.com/a b", false)]
    [InlineData("http://example.com/\u0085", false)]
    [InlineData("ht tp://example.com", false)]
    [InlineData(":no-scheme", false)]
    [InlineData(null, false)]
    public void IsIri_Values_MatchRfc3987Shape(string? value, bool expected)
    {
        // Data §2.2: IRIs without a scheme are rejected; §4.3 IRIs may use non-ASCII characters.
        Assert.Equal(expected, XapiParameters.IsIri(value!));
    }

    [Theory]
    [InlineData("http://www.example.com", true)]
    [InlineData("https://example.com/a?b=c#d", true)]
    [InlineData("file:///tmp/x", true)]
    [InlineData("urn:example:thing", false)]
    [InlineData("mailto:ann@example.com", false)]
    [InlineData("http://", false)]
    [InlineData("www.example.com", false)]
    [InlineData(null, false)]
    public void IsIrl_Values_RequireSchemeAndAuthority(string? value, bool expected)
    {
        // Data §2.2: IRLs are locatable IRIs with a scheme.
        Assert.Equal(expected, XapiParameters.IsIrl(value!));
    }

    [Theory]
    [InlineData("en-US", true)]
    [InlineData("und", true)]
    [InlineData("x-private", true)]
    [InlineData("en_US", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLanguageTag_Values_FollowRfc5646(string? value, bool expected)
    {
        // Data §2.2: RFC 5646 language tags.
        Assert.Equal(expected, XapiParameters.IsLanguageTag(value!));
    }

    [Fact] // Communication §2.4, §2.6: the agent parameter names an Agent; a Group's identifier may be used in one
    public void TryParseAgentOnly_AgentCarryingGroupIdentifier_ParsesWithItsObject()
    {
        Assert.True(XapiParameters.TryParseAgentOnly("""{"name":"Ann","mbox":"mailto:ann@example.com"}""", out var identity, out var agent, out var error));
        Assert.Equal(AgentIdentity.Mbox("mailto:ann@example.com"), identity);
        Assert.Equal("Ann", agent["name"]!.GetValue<string>());
        Assert.Empty(error);
    }

    [Fact] // Communication §2.4, §2.6: a Group is refused with a reason
    public void TryParseAgentOnly_Group_Refused()
    {
        Assert.False(XapiParameters.TryParseAgentOnly("""{"objectType":"Group","mbox":"mailto:team@example.com"}""", out _, out _, out var error));
        Assert.Contains("not a Group", error, StringComparison.Ordinal);
    }

    [Fact] // Data §2.2: an invalid agent is refused with the validator's reason
    public void TryParseAgentOnly_InvalidAgent_RefusedNamingTheProblem()
    {
        Assert.False(XapiParameters.TryParseAgentOnly("""{"mbox":"ann@example.com"}""", out _, out _, out var error));
        Assert.StartsWith("Parameter 'agent' is not a valid Agent:", error, StringComparison.Ordinal);
    }
}
