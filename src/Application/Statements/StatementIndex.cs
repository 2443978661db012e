using System.Text.Json.Nodes;

namespace Lrs.Application.Statements;

/// <summary>An Agent or identified Group found in a statement.</summary>
/// <param name="Key">The agent's <see cref="Lrs.Domain.Xapi.AgentIdentity.Key"/>.</param>
/// <param name="Direct">True when it matches the plain <c>agent</c> filter; false when only <c>related_agents=true</c> matches.</param>
public sealed record IndexedAgent(string Key, bool Direct);

/// <summary>An Activity found in a statement.</summary>
/// <param name="Id">The activity id (IRI).</param>
/// <param name="Direct">True when it is the statement's object; false when only <c>related_activities=true</c> matches.</param>
public sealed record IndexedActivity(string Id, bool Direct);

/// <summary>An Activity Definition given in a statement, for the LRS's canonical definition (Data §2.4.4.1).</summary>
/// <param name="Id">The activity id.</param>
/// <param name="Definition">The definition as received; a node of the statement's tree, never modified.</param>
public sealed record DefinedActivity(string Id, JsonObject Definition);

/// <summary>
/// What the store needs to answer the GET /statements filters (Communication §2.1.3): verb, registration,
/// the object's activity or statement reference, and every agent and activity with its direct/related role.
/// </summary>
public sealed record StatementIndex(
    string VerbId,
    Guid? Registration,
    string? ObjectActivityId,
    Guid? ObjectStatementRef,
    bool IsVoiding,
    IReadOnlyList<IndexedAgent> Agents,
    IReadOnlyList<IndexedActivity> Activities)
{
    /// <summary>Every Activity Definition in the statement (object, context activities, SubStatement), in document order.</summary>
    public IReadOnlyList<DefinedActivity> Definitions { get; init; } = [];

    public static StatementIndex Extract(JsonObject statement)
    {
        var builder = new Builder();
        var verbId = StatementNodes.String(StatementNodes.Object(statement, "verb"), "id") ?? string.Empty;

        // Direct positions (actor, object) are visited before related ones, so the first sighting of a key
        // or id fixes its role and a key found in both is kept as direct.
        // §2.1.3 agent: the actor or the object, including Groups whose members match.
        builder.AddAgentOrGroup(StatementNodes.Object(statement, "actor"), direct: true);

        string? activityId = null;
        Guid? statementRef = null;
        if (StatementNodes.Object(statement, "object") is { } target)
        {
            switch (StatementNodes.ObjectType(target, "Activity"))
            {
                case "Activity":
                    activityId = StatementNodes.String(target, "id");
                    builder.AddActivity(target, direct: true);
                    break;
                case "Agent" or "Group":
                    builder.AddAgentOrGroup(target, direct: true);
                    break;
                case "StatementRef":
                    statementRef = ParseGuid(StatementNodes.String(target, "id"));
                    break;
                case "SubStatement":
                    builder.AddSubStatement(target);
                    break;
            }
        }

        // §2.1.3 related_agents: authority, instructor and team only match broadly.
        builder.AddAgentOrGroup(StatementNodes.Object(statement, "authority"), direct: false);
        var context = StatementNodes.Object(statement, "context");
        builder.AddContext(context);

        return new StatementIndex(
            verbId,
            ParseGuid(StatementNodes.String(context, "registration")),
            activityId,
            statementRef,
            statementRef is not null && verbId == StatementNodes.VoidedVerb,
            builder.Agents,
            builder.Activities)
        {
            Definitions = builder.Definitions,
        };
    }

    private static Guid? ParseGuid(string? text) => Guid.TryParse(text, out var value) ? value : null;

    private sealed class Builder
    {
        private readonly HashSet<string> agentKeys = new(StringComparer.Ordinal);
        private readonly HashSet<string> activityIds = new(StringComparer.Ordinal);

        public List<IndexedAgent> Agents { get; } = [];

        public List<IndexedActivity> Activities { get; } = [];

        public List<DefinedActivity> Definitions { get; } = [];

        public void AddAgentOrGroup(JsonObject? agent, bool direct)
        {
            if (agent is null)
            {
                return;
            }

            if (StatementNodes.Identity(agent) is { } identity)
            {
                AddAgent(identity.Key, direct);
            }

            var members = agent["member"];
            for (var i = 0; i < StatementNodes.Count(members); i++)
            {
                if (StatementNodes.At(members, i) is JsonObject member && StatementNodes.Identity(member) is { } memberIdentity)
                {
                    AddAgent(memberIdentity.Key, direct);
                }
            }
        }

        public void AddActivity(JsonObject? activity, bool direct)
        {
            if (StatementNodes.String(activity, "id") is not { } id)
            {
                return;
            }

            if (StatementNodes.Object(activity, "definition") is { } definition)
            {
                Definitions.Add(new DefinedActivity(id, definition));
            }

            if (activityIds.Add(id))
            {
                Activities.Add(new IndexedActivity(id, direct));
            }
        }

        public void AddContext(JsonObject? context)
        {
            AddAgentOrGroup(StatementNodes.Object(context, "instructor"), direct: false);
            AddAgentOrGroup(StatementNodes.Object(context, "team"), direct: false);

            // §2.1.3 related_activities: any context activity, given as one object or an array.
            if (StatementNodes.Object(context, "contextActivities") is not { } contextActivities)
            {
                return;
            }

            foreach (var kind in StatementNodes.ContextActivityKinds)
            {
                var list = contextActivities[kind];
                for (var i = 0; i < StatementNodes.Count(list); i++)
                {
                    AddActivity(StatementNodes.At(list, i) as JsonObject, direct: false);
                }
            }
        }

        // §2.1.3: the same properties inside a SubStatement only match the related_* filters.
        public void AddSubStatement(JsonObject subStatement)
        {
            AddAgentOrGroup(StatementNodes.Object(subStatement, "actor"), direct: false);
            if (StatementNodes.Object(subStatement, "object") is { } target)
            {
                switch (StatementNodes.ObjectType(target, "Activity"))
                {
                    case "Activity":
                        AddActivity(target, direct: false);
                        break;
                    case "Agent" or "Group":
                        AddAgentOrGroup(target, direct: false);
                        break;
                }
            }

            AddContext(StatementNodes.Object(subStatement, "context"));
        }

        private void AddAgent(string key, bool direct)
        {
            if (agentKeys.Add(key))
            {
                Agents.Add(new IndexedAgent(key, direct));
            }
        }
    }
}
