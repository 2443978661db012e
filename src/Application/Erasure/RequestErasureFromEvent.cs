using System.Text.Json.Nodes;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Tenancy;

namespace Lrs.Application.Erasure;

/// <summary>
/// Turns <c>gdpr.erasure.requested.v1</c> into an erasure request through <see cref="RequestErasureHandler"/>, the same
/// use case as <c>POST /api/v1/erasure-requests</c>. The request's id is derived from the message id, so a redelivery or
/// a replayed dead letter lands on the request it already created.
/// </summary>
public sealed class RequestErasureFromEventHandler(RequestErasureHandler requests, ITenancyStore tenants)
{
    public async Task<ErasureView> HandleAsync(ErasureRequested message, Guid messageId, CancellationToken ct)
    {
        var name = MessageContracts.NameOf<ErasureRequested>();
        await tenants.RequireAsync(message.TenantId, name, ct);
        var agent = AgentJsonOf(message.LearnerKey)
            ?? throw new InvalidMessageException(
                $"{name}: learnerKey '{message.LearnerKey}' is not an identifier key (mbox:…, mbox_sha1sum:…, openid:… or account:<homePage> <name>).");
        var requestedBy = $"{name} {message.ErasureId:D}" + (string.IsNullOrWhiteSpace(message.RequestedBy) ? string.Empty : " by " + message.RequestedBy);
        var result = await requests.HandleAsync(
            new RequestErasure(message.TenantId, agent, requestedBy, MessageContracts.DeterministicId(name, message.TenantId, messageId)), ct);
        return result.Value ?? throw new InvalidMessageException($"{name}: learnerKey '{message.LearnerKey}' is not a valid agent: {result.Error!.Message}");
    }

    /// <summary>
    /// The xAPI Agent of an identifier key as events carry it (<c>AgentIdentity.Key</c>): <c>kind:value</c>, an account's
    /// value being its homePage and name joined by a space. Null when the key has no known kind.
    /// </summary>
    public static string? AgentJsonOf(string? learnerKey)
    {
        var colon = learnerKey?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0)
        {
            return null;
        }

        var (kind, value) = (learnerKey![..colon], learnerKey[(colon + 1)..]);
        JsonNode? identifier = kind switch
        {
            "mbox" or "mbox_sha1sum" or "openid" => JsonValue.Create(value),
            "account" when value.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 =>
                new JsonObject { ["homePage"] = value[..space], ["name"] = value[(space + 1)..] },
            _ => null,
        };
        return identifier is null ? null : new JsonObject { ["objectType"] = "Agent", [kind] = identifier }.ToJsonString();
    }
}
