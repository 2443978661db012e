using System.Text.Json.Nodes;
using Lrs.Application.Common;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Validation;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Agents;

/// <summary>GET /agents: the Person Object combining what the LRS knows of an Agent (Communication §2.4).</summary>
public sealed record GetPerson(XapiCaller Caller, string? Agent);

/// <summary>The Agents that statements of a tenant name as actor. Every call is confined to that tenant.</summary>
public interface IAgentReader
{
    /// <summary>
    /// The distinct actors, as JSON, of statements in which the agent with <paramref name="agentKey"/> is the actor or
    /// the object and the actor has a name; only statements of <paramref name="authorityKey"/> when given.
    /// </summary>
    Task<IReadOnlyList<string>> FindNamedActorsAsync(Guid tenantId, string agentKey, string? authorityKey, CancellationToken ct);
}

public sealed class GetPersonHandler(IAgentReader reader)
{
    public async Task<XapiResult<JsonObject>> HandleAsync(GetPerson request, CancellationToken ct)
    {
        if (request.Agent is not { } json)
        {
            return XapiError.BadRequest("GET agents requires the agent parameter (Communication §2.4).");
        }

        // Communication §2.4: "a normal Agent Object with a single identifier and no arrays ... nor is it a Group".
        if (!XapiParameters.TryParseAgentOnly(json, out var identity, out var agent, out var error))
        {
            return XapiError.BadRequest(error);
        }

        var caller = request.Caller;
        if (!caller.Scopes.CanReadActivitiesAndAgents())
        {
            return XapiError.Forbidden("This credential may not read agents.");
        }

        // statements/read/mine: names only from the statements this credential may read.
        var authority = caller.Scopes.CanReadAllStatements() ? null : caller.AuthorityKey;
        var names = new List<string>();
        if (StatementNodes.String(agent, "name") is { } given)
        {
            names.Add(given);
        }

        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var actorJson in await reader.FindNamedActorsAsync(caller.TenantId, identity.Key, authority, ct))
        {
            if (JsonNode.Parse(actorJson) is JsonObject actor
                && StatementNodes.Identity(actor)?.Key == identity.Key
                && StatementNodes.String(actor, "name") is { } name)
            {
                seen.Add(name);
            }
        }

        names.AddRange(seen.Where(n => !names.Contains(n)));
        return Person(agent, identity.Kind, names);
    }

    // Communication §2.4 Person Properties: each property an array, only the properties listed there.
    private static JsonObject Person(JsonObject agent, string identifierKind, List<string> names)
    {
        var person = new JsonObject { ["objectType"] = "Person" };
        if (names.Count > 0)
        {
            person["name"] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
        }

        person[identifierKind] = new JsonArray(agent[identifierKind]!.DeepClone());
        return person;
    }
}
