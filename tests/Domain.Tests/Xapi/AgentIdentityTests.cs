using Lrs.Domain.Xapi;

namespace Lrs.Domain.Tests.Xapi;

public class AgentIdentityTests
{
    [Fact] // Data §2.4.2.3: the domain part of an email address is case insensitive
    public void Mbox_UpperCaseDomain_DomainLowerCasedLocalPartKept()
    {
        var identity = AgentIdentity.Mbox("mailto:Ann.Smith@Example.COM");

        Assert.Equal("mbox", identity.Kind);
        Assert.Equal("mailto:Ann.Smith@example.com", identity.Value);
        Assert.Equal("mbox:mailto:Ann.Smith@example.com", identity.Key);
    }

    [Theory] // Data §2.4.2.3: mbox is a mailto IRI; the scheme is case insensitive
    [InlineData("MAILTO:ann@example.com")]
    [InlineData("MailTo:ann@EXAMPLE.com")]
    [InlineData("mailto:ann@example.com")]
    public void Mbox_SchemeInAnyCase_NormalisedToLowerCaseMailto(string mbox) =>
        Assert.Equal("mailto:ann@example.com", AgentIdentity.Mbox(mbox).Value);

    [Fact]
    public void Mbox_NoAtSign_KeptAsGiven() =>
        Assert.Equal("mailto:Ann", AgentIdentity.Mbox("MAILTO:Ann").Value);

    [Fact]
    public void Mbox_SameAddressDifferentDomainCase_Equal() =>
        Assert.Equal(AgentIdentity.Mbox("mailto:ann@EXAMPLE.com"), AgentIdentity.Mbox("mailto:ann@example.com"));

    [Fact]
    public void Mbox_DifferentLocalPartCase_NotEqual() =>
        Assert.NotEqual(AgentIdentity.Mbox("mailto:Ann@example.com"), AgentIdentity.Mbox("mailto:ann@example.com"));

    [Fact] // Data §2.4.2.3: mbox_sha1sum is a hex string; hex digits compare without case
    public void MboxSha1Sum_UpperCaseHex_LowerCased()
    {
        var identity = AgentIdentity.MboxSha1Sum("ABCDEF0123456789ABCDEF0123456789ABCDEF01");

        Assert.Equal("mbox_sha1sum", identity.Kind);
        Assert.Equal("mbox_sha1sum:abcdef0123456789abcdef0123456789abcdef01", identity.Key);
        Assert.Equal(identity, AgentIdentity.MboxSha1Sum("abcdef0123456789abcdef0123456789abcdef01"));
    }

    [Fact]
    public void OpenId_Uri_KeptVerbatim()
    {
        var identity = AgentIdentity.OpenId("http://openid.example.com/Bob");

        Assert.Equal("openid", identity.Kind);
        Assert.Equal("openid:http://openid.example.com/Bob", identity.Key);
    }

    [Fact] // Data §2.4.2.3: an account is identified by homePage and name together
    public void Account_HomePageAndName_JoinedBySpace()
    {
        var identity = AgentIdentity.Account("http://lrs.example.com", "client");

        Assert.Equal("account", identity.Kind);
        Assert.Equal("http://lrs.example.com client", identity.Value);
        Assert.Equal("account:http://lrs.example.com client", identity.Key);
    }

    [Fact]
    public void Account_DifferentName_NotEqual() =>
        Assert.NotEqual(AgentIdentity.Account("http://lrs.example.com", "a"), AgentIdentity.Account("http://lrs.example.com", "b"));

    [Fact]
    public void Equality_SameValueDifferentKind_NotEqual() =>
        Assert.NotEqual(AgentIdentity.OpenId("mailto:ann@example.com"), AgentIdentity.Mbox("mailto:ann@example.com"));

    [Fact]
    public void Equality_EqualIdentities_SameHashCode() =>
        Assert.Equal(AgentIdentity.Mbox("mailto:ann@EXAMPLE.com").GetHashCode(), AgentIdentity.Mbox("mailto:ann@example.com").GetHashCode());

    [Fact]
    public void ToString_Always_ReturnsKey() =>
        Assert.Equal("openid:http://example.com/x", AgentIdentity.OpenId("http://example.com/x").ToString());
}
