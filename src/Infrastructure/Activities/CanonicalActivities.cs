using System.Text.Json.Nodes;
using Lrs.Application.Activities;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Activities;

/// <summary>An activity row to record: new (<see cref="Before"/> unread) or a canonical definition changed from <see cref="Before"/>.</summary>
public sealed record ActivityChange(string Id, string? Before, string? After, bool IsNew);

/// <summary>
/// What bringing the canonical activities of a tenant up to date with a write group's statements changes, read in the
/// group's transaction: every activity mentioned is recorded, and definitions merge into the canonical one
/// (<see cref="CanonicalDefinition.Merge"/>). One read per group; no change for activities already known whose
/// definition does not change. The writer saves the changes in the same transaction.
/// </summary>
internal static class CanonicalActivities
{
    public static async Task<IReadOnlyList<ActivityChange>> PlanAsync(
        StatementBatchSession session, Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
    {
        var ids = statements.SelectMany(s => s.Index.Activities).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return [];
        }

        var stored = await session.FindActivitiesAsync(tenantId, ids, ct);

        // A group usually repeats a few definitions many times. Each stored definition is parsed once, and a definition
        // equal to the one merged just before it for the same activity is skipped: merging it again changes nothing.
        var canonical = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        var lastReceived = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var defined in statements.SelectMany(s => s.Index.Definitions))
        {
            if (lastReceived.TryGetValue(defined.Id, out var previous) && JsonNode.DeepEquals(previous, defined.Definition))
            {
                continue;
            }

            lastReceived[defined.Id] = defined.Definition;
            if (!canonical.TryGetValue(defined.Id, out var current))
            {
                current = stored.GetValueOrDefault(defined.Id) is { } json ? JsonNode.Parse(json)!.AsObject() : null;
            }

            var next = CanonicalDefinition.Merge(current, defined.Definition);
            if (current is null || !JsonNode.DeepEquals(current, next))
            {
                changed.Add(defined.Id);
                current = next;
            }

            canonical[defined.Id] = current;
        }

        var changes = new List<ActivityChange>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var isNew = !stored.TryGetValue(id, out var before);
            if (isNew || changed.Contains(id))
            {
                changes.Add(new ActivityChange(id, before, changed.Contains(id) ? StatementJson.Serialize(canonical[id]!) : before, isNew));
            }
        }

        return changes;
    }
}
