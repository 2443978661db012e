using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lrs.Application.Events;

/// <summary>
/// JSON Schema (2020-12) of an integration contract as it travels (camelCase properties), and the compatibility rule
/// a published contract must keep: no property removed, renamed or retyped, no new required property.
/// </summary>
public static class ContractSchema
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static JsonObject Generate(Type contract)
    {
        var name = MessageContracts.NameOf(contract);
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in contract.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var json = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var nullable = Nullability.Create(property).ReadState == NullabilityState.Nullable;
            properties[json] = TypeOf(property.PropertyType, nullable);
            if (property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null && !nullable)
            {
                required.Add(json);
            }
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"urn:lrs:contracts:{name}",
            ["title"] = name,
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
        };
    }

    private static JsonObject TypeOf(Type type, bool nullable)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        nullable |= underlying != type;
        JsonObject schema = underlying switch
        {
            _ when underlying == typeof(string) => new() { ["type"] = "string" },
            _ when underlying == typeof(Guid) => new() { ["type"] = "string", ["format"] = "uuid" },
            _ when underlying == typeof(DateTimeOffset) => new() { ["type"] = "string", ["format"] = "date-time" },
            _ when underlying == typeof(bool) => new() { ["type"] = "boolean" },
            _ when underlying == typeof(int) || underlying == typeof(long) => new() { ["type"] = "integer" },
            _ when underlying == typeof(double) => new() { ["type"] = "number" },
            _ when underlying == typeof(JsonElement) => new() { ["type"] = "object" },
            _ => throw new NotSupportedException($"Contract property type {underlying.Name} has no JSON schema mapping; add one."),
        };
        if (nullable)
        {
            schema["type"] = new JsonArray(schema["type"]!.GetValue<string>(), "null");
        }

        return schema;
    }

    /// <summary>Why <paramref name="current"/> cannot replace <paramref name="published"/>; empty when it can.</summary>
    public static IReadOnlyList<string> Incompatibilities(JsonObject published, JsonObject current)
    {
        var problems = new List<string>();
        var before = published["properties"]?.AsObject() ?? [];
        var after = current["properties"]?.AsObject() ?? [];
        foreach (var (name, schema) in before)
        {
            if (!after.TryGetPropertyValue(name, out var now))
            {
                problems.Add($"property '{name}' was removed or renamed");
            }
            else if (!JsonNode.DeepEquals(schema, now))
            {
                problems.Add($"property '{name}' changed type from {schema?.ToJsonString()} to {now?.ToJsonString()}");
            }
        }

        var wasRequired = Names(published["required"]);
        foreach (var name in Names(current["required"]).Where(n => !wasRequired.Contains(n)))
        {
            problems.Add($"property '{name}' is newly required");
        }

        return problems;
    }

    private static HashSet<string> Names(JsonNode? array) =>
        array is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];
}
