using Lrs.Application.Common;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Erasure;

/// <summary>Erase an agent's personal data within a tenant (overview seed §8: the one exception to the append-only ledger).</summary>
public sealed record RequestErasure(Guid TenantId, string? AgentJson, string RequestedBy, Guid? Id = null);

public sealed class RequestErasureHandler(IErasureStore store, TimeProvider time)
{
    public async Task<XapiResult<ErasureView>> HandleAsync(RequestErasure command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.AgentJson))
        {
            return XapiError.BadRequest("The body must be the agent to erase as an xAPI Agent, e.g. {\"mbox\":\"mailto:ann@example.com\"}.");
        }

        if (!XapiParameters.TryParseAgentOnly(command.AgentJson, out var identity, out _, out var error))
        {
            return XapiError.BadRequest(error.Replace("Parameter 'agent'", "The body", StringComparison.Ordinal));
        }

        var id = command.Id ?? Guid.CreateVersion7();
        var redaction = new AgentRedaction(AgentRedaction.KeysOf(identity), id);
        return await store.RequestAsync(command.TenantId, id, AgentRedaction.KeysOf(identity), redaction.PlaceholderKey,
            command.RequestedBy, time.GetUtcNow(), ct);
    }
}
