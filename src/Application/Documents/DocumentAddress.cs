using Lrs.Application.Common;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Documents;

public enum DocumentMethod
{
    Get,
    Put,
    Post,
    Delete,
}

/// <summary>
/// The parameters of a document request, validated (Communication §2.3, §2.6, §2.7, §3.2): which context,
/// which document (null: every document of the context), and <c>since</c> for multiple-document GET.
/// <c>RegistrationGiven</c> is false when a State request named no registration: multiple-document GET and DELETE
/// then cover the Activity and Agent whatever the registration (Communication §2.3: "registration if specified").
/// </summary>
public sealed record DocumentAddress(DocumentContext Context, string? Id, DateTimeOffset? Since, bool RegistrationGiven)
{
    public static XapiResult<DocumentAddress> Parse(
        DocumentKind kind, DocumentMethod method, Guid tenantId, IReadOnlyDictionary<string, string> parameters)
    {
        var idName = kind == DocumentKind.State ? "stateId" : "profileId";
        List<string> allowed = kind switch
        {
            DocumentKind.State => ["activityId", "agent", "registration", idName],
            DocumentKind.ActivityProfile => ["activityId", idName],
            _ => ["agent", idName],
        };
        if (method == DocumentMethod.Get)
        {
            allowed.Add("since");
        }

        var resource = $"{method.ToString().ToUpperInvariant()} {kind.Name()}";
        if (parameters.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            return XapiError.BadRequest($"Unknown parameter '{unknown}' for {resource}; parameters are {string.Join(", ", allowed)} (case-sensitive).");
        }

        var activityId = string.Empty;
        if (kind != DocumentKind.AgentProfile)
        {
            if (!parameters.TryGetValue("activityId", out var activity))
            {
                return XapiError.BadRequest($"{resource} requires the activityId parameter.");
            }

            if (!XapiParameters.IsIri(activity))
            {
                return XapiError.BadRequest("Parameter 'activityId' must be an IRI.");
            }

            activityId = activity;
        }

        var agentKey = string.Empty;
        if (kind != DocumentKind.ActivityProfile)
        {
            if (!parameters.TryGetValue("agent", out var agentJson))
            {
                return XapiError.BadRequest($"{resource} requires the agent parameter.");
            }

            // Communication §2.6 note: an Agent object, not a Group.
            if (!XapiParameters.TryParseAgentOnly(agentJson, out var agent, out _, out var agentError))
            {
                return XapiError.BadRequest(agentError);
            }

            agentKey = agent.Key;
        }

        Guid? registration = null;
        if (parameters.TryGetValue("registration", out var registrationText))
        {
            if (!XapiParameters.TryParseUuid(registrationText, out var parsed))
            {
                return XapiError.BadRequest("Parameter 'registration' must be a UUID.");
            }

            registration = parsed;
        }

        string? id = null;
        if (parameters.TryGetValue(idName, out var idText))
        {
            if (idText.Length == 0)
            {
                return XapiError.BadRequest($"Parameter '{idName}' must not be empty.");
            }

            id = idText;
        }
        else if (method is DocumentMethod.Put or DocumentMethod.Post || (method == DocumentMethod.Delete && kind != DocumentKind.State))
        {
            return XapiError.BadRequest($"{resource} requires the {idName} parameter.");
        }

        DateTimeOffset? since = null;
        if (parameters.TryGetValue("since", out var sinceText))
        {
            if (!XapiParameters.TryParseTimestamp(sinceText, out var parsed))
            {
                return XapiError.BadRequest("Parameter 'since' must be an ISO 8601 timestamp.");
            }

            since = parsed;
        }

        var context = new DocumentContext(tenantId, kind, activityId, agentKey, registration);
        return new DocumentAddress(context, id, since, registration is not null);
    }
}
