using Lrs.Application.Common;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Validation;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Transcripts;

/// <summary>The transcript of the learner named by <paramref name="Agent"/>, an xAPI Agent as JSON.</summary>
public sealed record GetTranscript(XapiCaller Caller, string? Agent);

/// <summary>Where transcripts come from. Every call is confined to one tenant.</summary>
public interface ITranscriptSource
{
    /// <summary>
    /// The transcript of the learner with <paramref name="agentKey"/>, or null when the tenant holds nothing about them.
    /// <paramref name="displayName"/> is the name to print when given; otherwise the source picks one.
    /// </summary>
    Task<Transcript?> LoadAsync(Guid tenantId, string agentKey, string? displayName, CancellationToken ct);
}

public sealed class GetTranscriptHandler(ITranscriptSource source)
{
    public async Task<XapiResult<Transcript>> HandleAsync(GetTranscript request, CancellationToken ct)
    {
        if (request.Agent is not { } json)
        {
            return XapiError.BadRequest("The agent parameter is required: the learner as an xAPI Agent, e.g. {\"mbox\":\"mailto:ann@example.com\"}.");
        }

        if (!XapiParameters.TryParseAgentOnly(json, out var identity, out var agent, out var error))
        {
            return XapiError.BadRequest(error);
        }

        // Any statement-reading credential reads every learner of its tenant; statements/read/mine only its own
        // learner, the Agent its credential writes as.
        var caller = request.Caller;
        if (!caller.Scopes.CanReadAllStatements()
            && !(caller.Scopes.CanReadOwnStatements() && caller.AuthorityKey == identity.Key))
        {
            return XapiError.Forbidden(caller.Scopes.CanReadOwnStatements()
                ? "This credential may read only the transcript of its own learner."
                : "This credential may not read transcripts.");
        }

        var name = StatementNodes.String(agent, "name") is { Length: > 0 } given ? given : null;
        var transcript = await source.LoadAsync(caller.TenantId, identity.Key, name, ct);
        return transcript is null
            ? XapiError.NotFound("No statements about this learner.")
            : transcript;
    }
}
