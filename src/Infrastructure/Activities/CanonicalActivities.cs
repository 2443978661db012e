using System.Text.Json.Nodes;
using Lrs.Application.Activities;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Activities;

/// <summary>An activity row to record: new (<see cref="Before"/> unread) or a canonical definition changed from <see cref="Before"/>.</summary>
public sealed record ActivityChange(string Id, string? Before, string? After, bool IsNew);

/// <summary>
/// Brings the canonical activities of a tenant up to date with a write group's statements, in the group's
/// transaction: every activity mentioned is recorded, and definitions merge into the canonical one
/// (<see cref="CanonicalDefinition.Merge"/>). One read and at most one write per group; nothing is written
/// for activities already known whose definition does not change.
/// </summary>
internal static class CanonicalActivities
{
    public static async Task UpdateAsync(StatementBatchSession session, Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
    {
        var ids = statements.SelectMany(s => s.Index.Activities).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return;
        }

        var stored = await session.FindActivitiesAsync(tenantId, ids, ct);
        var merged = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var defined in statements.SelectMany(s => s.Index.Definitions))
        {
            var current = merged.TryGetValue(defined.Id, out var pending) ? pending
                : stored.GetValueOrDefault(defined.Id) is { } json ? JsonNode.Parse(json)!.AsObject() : null;
            var next = CanonicalDefinition.Merge(current, defined.Definition);
            if (current is null || !JsonNode.DeepEquals(current, next))
            {
                merged[defined.Id] = next;
            }
        }

        var changes = new List<ActivityChange>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var isNew = !stored.TryGetValue(id, out var before);
            if (isNew || merged.ContainsKey(id))
            {
                changes.Add(new ActivityChange(id, before, merged.TryGetValue(id, out var after) ? StatementJson.Serialize(after) : before, isNew));
            }
        }

        if (changes.Count > 0)
        {
            await session.SaveActivitiesAsync(tenantId, changes, ct);
        }
    }
}
