using System.Text.Json.Nodes;

namespace Lrs.Application.Statements;

/// <summary>The <c>format</c> parameter of GET /statements (Communication §2.1.3).</summary>
public enum StatementFormat
{
    Exact,
    Ids,
    Canonical,
}

/// <summary>Renders a stored statement in one of the formats of Communication §2.1.3, always as a new tree.</summary>
public static class StatementFormatter
{
    /// <param name="statement">The statement as stored; never modified.</param>
    /// <param name="format">The requested format.</param>
    /// <param name="languages">Accept-Language preferences, used by <see cref="StatementFormat.Canonical"/>.</param>
    /// <param name="canonicalDefinition">The LRS's canonical definition of an activity id, or null to keep the statement's own.</param>
    public static JsonObject Format(
        JsonObject statement,
        StatementFormat format,
        IReadOnlyList<LanguagePreference> languages,
        Func<string, JsonObject?>? canonicalDefinition = null) => format switch
        {
            StatementFormat.Ids => IdsStatement(statement),
            StatementFormat.Canonical => new Canonicaliser(languages, canonicalDefinition).Statement(statement.DeepClone().AsObject()),
            _ => statement.DeepClone().AsObject(),
        };

    // "ids": only what identifies each Agent, Group, Activity and Verb; anonymous Groups keep their members' IFIs.
    private static JsonObject IdsStatement(JsonObject statement)
    {
        var result = new JsonObject();
        foreach (var (name, value) in statement)
        {
            result.Add(name, name switch
            {
                "actor" or "authority" => IdsAgent(value),
                "verb" when value is JsonObject verb => new JsonObject { ["id"] = verb["id"]?.DeepClone() },
                "object" => IdsObject(value),
                "context" => IdsContext(value),
                _ => value?.DeepClone(),
            });
        }

        return result;
    }

    private static JsonNode? IdsObject(JsonNode? node)
    {
        if (node is not JsonObject target)
        {
            return node?.DeepClone();
        }

        return StatementNodes.ObjectType(target, "Activity") switch
        {
            "Activity" => IdsActivity(target),
            "Agent" or "Group" => IdsAgent(target),
            "SubStatement" => IdsStatement(target),
            _ => target.DeepClone(),
        };
    }

    private static JsonNode? IdsAgent(JsonNode? node)
    {
        if (node is not JsonObject agent)
        {
            return node?.DeepClone();
        }

        var result = new JsonObject { ["objectType"] = StatementNodes.ObjectType(agent, "Agent") };
        foreach (var identifier in StatementNodes.IdentifierProperties)
        {
            if (agent[identifier] is { } value)
            {
                result.Add(identifier, value.DeepClone());
                return result;
            }
        }

        if (agent["member"] is JsonArray members)
        {
            var reduced = new JsonArray();
            foreach (var member in members)
            {
                reduced.Add(IdsAgent(member));
            }

            result.Add("member", reduced);
        }

        return result;
    }

    private static JsonNode? IdsActivity(JsonNode? node) =>
        node is JsonObject activity
            ? new JsonObject { ["objectType"] = "Activity", ["id"] = activity["id"]?.DeepClone() }
            : node?.DeepClone();

    private static JsonNode? IdsContext(JsonNode? node)
    {
        if (node is not JsonObject context)
        {
            return node?.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (name, value) in context)
        {
            result.Add(name, name switch
            {
                "instructor" or "team" => IdsAgent(value),
                "contextActivities" => IdsContextActivities(value),
                _ => value?.DeepClone(),
            });
        }

        return result;
    }

    // Each list keeps its shape: a single object stays an object, an array stays an array.
    private static JsonNode? IdsContextActivities(JsonNode? node)
    {
        if (node is not JsonObject contextActivities)
        {
            return node?.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (kind, value) in contextActivities)
        {
            if (value is JsonArray list)
            {
                var reduced = new JsonArray();
                foreach (var activity in list)
                {
                    reduced.Add(IdsActivity(activity));
                }

                result.Add(kind, reduced);
            }
            else
            {
                result.Add(kind, IdsActivity(value));
            }
        }

        return result;
    }

    // "canonical": works in place on a private clone; Agents and Groups stay exact.
    private sealed class Canonicaliser(IReadOnlyList<LanguagePreference> languages, Func<string, JsonObject?>? canonicalDefinition)
    {
        public JsonObject Statement(JsonObject statement)
        {
            if (StatementNodes.Object(statement, "verb") is { } verb)
            {
                ReduceLanguageMap(verb, "display");
            }

            if (StatementNodes.Object(statement, "object") is { } target)
            {
                switch (StatementNodes.ObjectType(target, "Activity"))
                {
                    case "Activity":
                        Activity(target);
                        break;
                    case "SubStatement":
                        Statement(target);
                        break;
                }
            }

            var contextActivities = StatementNodes.Object(StatementNodes.Object(statement, "context"), "contextActivities");
            foreach (var (_, list) in contextActivities ?? [])
            {
                for (var i = 0; i < StatementNodes.Count(list); i++)
                {
                    if (StatementNodes.At(list, i) is JsonObject activity)
                    {
                        Activity(activity);
                    }
                }
            }

            return statement;
        }

        private void Activity(JsonObject activity)
        {
            if (canonicalDefinition is not null
                && StatementNodes.String(activity, "id") is { } id
                && canonicalDefinition(id) is { } canonical)
            {
                activity["definition"] = canonical.DeepClone();
            }

            if (StatementNodes.Object(activity, "definition") is not { } definition)
            {
                return;
            }

            ReduceLanguageMap(definition, "name");
            ReduceLanguageMap(definition, "description");
            foreach (var listName in StatementNodes.InteractionComponentLists)
            {
                if (definition[listName] is not JsonArray components)
                {
                    continue;
                }

                foreach (var component in components)
                {
                    if (component is JsonObject entry)
                    {
                        ReduceLanguageMap(entry, "description");
                    }
                }
            }
        }

        // Language Filtering Requirements: exactly one entry per map, picked by Accept-Language.
        private void ReduceLanguageMap(JsonObject owner, string name)
        {
            if (owner[name] is not JsonObject map || map.Count < 2)
            {
                return;
            }

            var tags = new string[map.Count];
            var i = 0;
            foreach (var (tag, _) in map)
            {
                tags[i++] = tag;
            }

            if (AcceptLanguage.Choose(tags, languages) is { } chosen)
            {
                owner[name] = new JsonObject { [chosen] = map[chosen]?.DeepClone() };
            }
        }
    }
}
