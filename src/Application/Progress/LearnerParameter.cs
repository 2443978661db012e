using Lrs.Application.Common;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Progress;

/// <summary>The <c>agent</c> parameter of the progress queries: an xAPI Agent as JSON, to its identifier key.</summary>
public static class LearnerParameter
{
    public static XapiResult<string> Key(string? agent)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            return XapiError.BadRequest("The agent parameter is required: the learner as an xAPI Agent, e.g. {\"mbox\":\"mailto:ann@example.com\"}.");
        }

        return XapiParameters.TryParseAgent(agent, out var identity, out var error)
            ? identity.Key
            : XapiError.BadRequest($"Parameter 'agent' is not a valid Agent: {error}");
    }
}
