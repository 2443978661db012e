using Lrs.Application.Portal;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Tests.Portal;

public sealed class LearnerKeysTests
{
    [Theory] // Data §2.4.2.3: each kind of Inverse Functional Identifier comes back as the Agent it was taken from
    [InlineData("{\"mbox\":\"mailto:ann@example.com\"}", "ann@example.com")]
    [InlineData("{\"mbox_sha1sum\":\"ebd31e95054c018b10727ccffd2ef2ec3a016ee9\"}", "ebd31e95054c018b10727ccffd2ef2ec3a016ee9")]
    [InlineData("{\"openid\":\"http://openid.example.org/ann\"}", "http://openid.example.org/ann")]
    [InlineData("{\"account\":{\"homePage\":\"http://www.example.com/users\",\"name\":\"ann 1\"}}", "ann 1")]
    public void ToAgentJson_AnyIdentifier_ParsesBackToTheSameKey(string agent, string display)
    {
        Assert.True(XapiParameters.TryParseAgent(agent, out var identity, out var error), error);

        var json = LearnerKeys.ToAgentJson(identity.Key);

        Assert.True(XapiParameters.TryParseAgent(json, out var again, out error), error);
        Assert.Equal(identity.Key, again.Key);
        Assert.Equal(display, LearnerKeys.Display(identity.Key));
    }
}
