using System.Text.Json.Nodes;

namespace Lrs.Application.Activities;

/// <summary>
/// How a definition received in a statement updates the LRS's canonical Activity definition
/// (Data §2.4.4.1 LRS Requirements; docs/decisions/0004-canonical-activities.md).
/// </summary>
public static class CanonicalDefinition
{
    // Data §2.4.4.1: the interaction properties. Changing them (e.g. the correct responses) is a significant
    // change the LRS SHOULD NOT make, so once set they stay; only their components' descriptions are merged.
    private static readonly string[] InteractionProperties =
        ["interactionType", "correctResponsesPattern", "choices", "scale", "source", "target", "steps"];

    /// <summary>
    /// The canonical definition after receiving <paramref name="received"/>, as a new tree: language maps and
    /// extensions merged key by key with the received entries winning, <c>type</c> and <c>moreInfo</c> replaced,
    /// interaction properties added when absent and otherwise kept. Neither argument is modified.
    /// </summary>
    public static JsonObject Merge(JsonObject? canonical, JsonObject received)
    {
        var merged = canonical?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in received)
        {
            if (name is "name" or "description" or "extensions")
            {
                MergeMap(merged, name, value);
            }
            else if (InteractionProperties.Contains(name) && merged.ContainsKey(name))
            {
                if (merged[name] is JsonArray components && value is JsonArray receivedComponents)
                {
                    MergeComponents(components, receivedComponents);
                }
            }
            else
            {
                merged[name] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static void MergeMap(JsonObject owner, string name, JsonNode? value)
    {
        if (owner[name] is JsonObject map && value is JsonObject received)
        {
            foreach (var (key, entry) in received)
            {
                map[key] = entry?.DeepClone();
            }
        }
        else
        {
            owner[name] = value?.DeepClone();
        }
    }

    // A component keeps its id; a corrected or translated description of a known id is taken, new ids are not.
    private static void MergeComponents(JsonArray components, JsonArray received)
    {
        foreach (var node in received)
        {
            if (node is not JsonObject component || component["id"] is not JsonValue id)
            {
                continue;
            }

            var known = components.OfType<JsonObject>().FirstOrDefault(c => c["id"] is JsonValue k && k.ToJsonString() == id.ToJsonString());
            if (known is not null && component.ContainsKey("description"))
            {
                MergeMap(known, "description", component["description"]);
            }
        }
    }
}
