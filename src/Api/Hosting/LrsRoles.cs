namespace Lrs.Api.Hosting;

/// <summary>
/// What this process runs (configuration <c>Lrs:Roles</c>, comma-separated; default <c>all</c>):
/// <c>api</c>, <c>ingest</c>, <c>projector</c>, <c>relay</c>, <c>partitions</c>, <c>portal</c>.
/// </summary>
public sealed class LrsRoles
{
    public static readonly string[] Known = ["api", "ingest", "projector", "relay", "partitions", "portal"];

    private readonly HashSet<string> _roles;

    public LrsRoles(string? configured)
    {
        var parts = (configured ?? "all").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant()).ToList();
        var unknown = parts.Where(p => p != "all" && !Known.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Unknown role(s) in Lrs:Roles: {string.Join(", ", unknown)}. Known: all, {string.Join(", ", Known)}.");
        }

        _roles = parts.Contains("all") || parts.Count == 0 ? [.. Known] : [.. parts];
    }

    public bool Has(string role) => _roles.Contains(role);

    public override string ToString() => string.Join(",", _roles.Order());
}
