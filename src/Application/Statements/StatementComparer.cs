using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Statements;

/// <summary>
/// Data §2.3.1 Statement Comparison Requirements: differences that the exceptions to immutability could have
/// caused are ignored, every other difference counts.
/// </summary>
public static class StatementComparer
{
    public static bool AreEquivalent(JsonObject existing, JsonObject incoming) => StatementsEqual(existing, incoming);

    private static bool StatementsEqual(JsonObject a, JsonObject b) => PropertiesEqual(a, b, StatementPropertyEqual);

    private static bool StatementPropertyEqual(string name, JsonNode? a, JsonNode? b) => name switch
    {
        // Assigned by the LRS, or (attachments) not part of the statement at all.
        "id" or "authority" or "stored" or "version" or "attachments" => true,
        "timestamp" => a is null || b is null || TimestampsEqual(a, b),
        "actor" => AgentsEqual(a, b),
        "verb" => ObjectsEqual(a, b, static (n, x, y) => n == "display" || NodesEqual(x, y)),
        "object" => StatementObjectsEqual(a, b),
        "context" => ObjectsEqual(a, b, ContextPropertyEqual),
        _ => NodesEqual(a, b),
    };

    private static bool StatementObjectsEqual(JsonNode? a, JsonNode? b)
    {
        if (a is not JsonObject x || b is not JsonObject y)
        {
            return NodesEqual(a, b);
        }

        var type = StatementNodes.ObjectType(x, "Activity");
        if (type != StatementNodes.ObjectType(y, "Activity"))
        {
            return false;
        }

        return type switch
        {
            "Activity" => ActivitiesEqual(x, y),
            "Agent" or "Group" => AgentsEqual(x, y),
            "SubStatement" => StatementsEqual(x, y),
            "StatementRef" => PropertiesEqual(x, y, static (n, p, q) => n == "id" ? GuidsEqual(p, q) : NodesEqual(p, q)),
            _ => NodesEqual(x, y),
        };
    }

    private static bool ContextPropertyEqual(string name, JsonNode? a, JsonNode? b) => name switch
    {
        "instructor" or "team" => AgentsEqual(a, b),
        "contextActivities" => ContextActivitiesEqual(a, b),
        "registration" => GuidsEqual(a, b),
        "statement" => StatementObjectsEqual(a, b),
        _ => NodesEqual(a, b),
    };

    // A single context activity object and a one-element array are the same list.
    private static bool ContextActivitiesEqual(JsonNode? a, JsonNode? b)
    {
        if (a is not (null or JsonObject) || b is not (null or JsonObject))
        {
            return NodesEqual(a, b);
        }

        return PropertiesEqual(a as JsonObject ?? [], b as JsonObject ?? [], static (_, x, y) => ActivityListsEqual(x, y));
    }

    private static bool ActivityListsEqual(JsonNode? a, JsonNode? b)
    {
        var count = StatementNodes.Count(a);
        if (count != StatementNodes.Count(b) || a is JsonValue || b is JsonValue)
        {
            return NodesEqual(a, b);
        }

        for (var i = 0; i < count; i++)
        {
            if (!ActivitiesEqual(StatementNodes.At(a, i), StatementNodes.At(b, i)))
            {
                return false;
            }
        }

        return true;
    }

    // The definition is not part of the statement (Data §2.3.1).
    private static bool ActivitiesEqual(JsonNode? a, JsonNode? b)
    {
        if (a is not JsonObject x || b is not JsonObject y)
        {
            return NodesEqual(a, b);
        }

        return StatementNodes.ObjectType(x, "Activity") == StatementNodes.ObjectType(y, "Activity")
            && PropertiesEqual(x, y, static (n, p, q) => n is "definition" or "objectType" || NodesEqual(p, q));
    }

    private static bool AgentsEqual(JsonNode? a, JsonNode? b)
    {
        if (a is not JsonObject x || b is not JsonObject y)
        {
            return NodesEqual(a, b);
        }

        return StatementNodes.ObjectType(x, "Agent") == StatementNodes.ObjectType(y, "Agent")
            && PropertiesEqual(x, y, AgentPropertyEqual);
    }

    private static bool AgentPropertyEqual(string name, JsonNode? a, JsonNode? b)
    {
        switch (name)
        {
            case "objectType":
                return true;
            case "mbox" when AsString(a) is { } x && AsString(b) is { } y:
                // The domain part of an e-mail address is case insensitive.
                return AgentIdentity.Mbox(x) == AgentIdentity.Mbox(y);
            case "mbox_sha1sum" when AsString(a) is { } x && AsString(b) is { } y:
                return string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
            case "member" when a is JsonArray x && b is JsonArray y:
                return MembersEqual(x, y);
            default:
                return NodesEqual(a, b);
        }
    }

    // Group members are an unordered list (Data §2.3.1); agent equality is an equivalence, so greedy matching is exact.
    private static bool MembersEqual(JsonArray a, JsonArray b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        var matched = new bool[b.Count];
        foreach (var member in a)
        {
            var found = false;
            for (var j = 0; j < b.Count && !found; j++)
            {
                if (!matched[j] && AgentsEqual(member, b[j]))
                {
                    matched[j] = true;
                    found = true;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    // Data §4.5: timestamps may be re-zoned and truncated or rounded to milliseconds, so instants under 1 ms apart match.
    private static bool TimestampsEqual(JsonNode a, JsonNode b)
    {
        if (TryParseInstant(AsString(a), out var x) && TryParseInstant(AsString(b), out var y))
        {
            return Math.Abs((x - y).Ticks) < TimeSpan.TicksPerMillisecond;
        }

        return NodesEqual(a, b);
    }

    private static bool TryParseInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    // UUIDs are case insensitive and their hex digits may be written in either case.
    private static bool GuidsEqual(JsonNode? a, JsonNode? b) =>
        Guid.TryParse(AsString(a), out var x) && Guid.TryParse(AsString(b), out var y) ? x == y : NodesEqual(a, b);

    private static bool ObjectsEqual(JsonNode? a, JsonNode? b, Func<string, JsonNode?, JsonNode?, bool> propertyEqual) =>
        a is JsonObject x && b is JsonObject y ? PropertiesEqual(x, y, propertyEqual) : NodesEqual(a, b);

    // A property absent on one side is compared as null, so rules such as "ignore id" apply to one-sided properties too.
    private static bool PropertiesEqual(JsonObject a, JsonObject b, Func<string, JsonNode?, JsonNode?, bool> propertyEqual)
    {
        foreach (var (name, value) in a)
        {
            if (!propertyEqual(name, value, b[name]))
            {
                return false;
            }
        }

        foreach (var (name, value) in b)
        {
            if (!a.ContainsKey(name) && !propertyEqual(name, null, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NodesEqual(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return PropertiesEqual(x, y, static (_, p, q) => NodesEqual(p, q));
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!NodesEqual(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonValue x, JsonValue y):
                return ValuesEqual(x, y);
            default:
                return false;
        }
    }

    private static bool ValuesEqual(JsonValue a, JsonValue b)
    {
        var kind = a.GetValueKind();
        if (kind != b.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => string.Equals(AsString(a), AsString(b), StringComparison.Ordinal),
            JsonValueKind.Number => NumbersEqual(a, b),
            _ => true,
        };
    }

    // Numbers compare by value: 1.0 equals 1.
    private static bool NumbersEqual(JsonValue a, JsonValue b)
    {
        var x = NumberText(a);
        var y = NumberText(b);
        if (decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
            && decimal.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy))
        {
            return dx == dy;
        }

        return double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var fx)
            && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var fy)
            && fx.Equals(fy);
    }

    private static string NumberText(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString();

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
