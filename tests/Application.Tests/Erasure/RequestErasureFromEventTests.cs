using Lrs.Application.Erasure;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Tests.Erasure;

/// <summary>The identifier keys events carry (AgentIdentity.Key, Data §2.4.2.3) map back to the xAPI Agent they name.</summary>
public sealed class RequestErasureFromEventTests
{
    [Fact]
    public void AgentJsonOf_EveryIdentifierKind_RoundTripsToTheSameKey()
    {
        AgentIdentity[] identities =
        [
            AgentIdentity.Mbox("mailto:ann@example.com"),
            AgentIdentity.MboxSha1Sum("ebd31e95054c018b10727ccffd2ef2ec3a016ee9"),
            AgentIdentity.OpenId("https://openid.example.com/ann"),
            AgentIdentity.Account("https://lms.example.com/users", "ann smith 42"),
        ];
        foreach (var identity in identities)
        {
            var json = RequestErasureFromEventHandler.AgentJsonOf(identity.Key);
            Assert.NotNull(json);
            Assert.True(Lrs.Application.Statements.Validation.XapiParameters.TryParseAgentOnly(json!, out var parsed, out _, out var error), error);
            Assert.Equal(identity.Key, parsed.Key);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ann@example.com")]
    [InlineData(":mailto:ann@example.com")]
    [InlineData("email:ann@example.com")]
    [InlineData("account:https://lms.example.com/users")]
    public void AgentJsonOf_NotAnIdentifierKey_Null(string? key) => Assert.Null(RequestErasureFromEventHandler.AgentJsonOf(key));
}
