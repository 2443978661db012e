namespace Lrs.Application.Portal;

/// <summary>What the overview page shows of one tenant's ledger, now.</summary>
public sealed record GetOverview(Guid TenantId);

/// <summary>Statements stored in one minute starting at <paramref name="Minute"/>.</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Statements);

/// <summary>
/// Total: statements stored. LastHour: stored in the past hour. PerSecond: the rate over the past minute.
/// Unprojected: statements the progress projector has not reached yet, the oldest stored at OldestUnprojected.
/// PerMinute: the past hour minute by minute, oldest first, minutes without statements included.
/// </summary>
public sealed record Overview(
    DateTimeOffset Now, long Total, long LastHour, double PerSecond, long Unprojected, TimeSpan? ProjectionLag,
    IReadOnlyList<MinuteCount> PerMinute);

/// <summary>Counts over one tenant's ledger.</summary>
public interface ILedgerStatistics
{
    Task<LedgerCounts> CountAsync(Guid tenantId, DateTimeOffset now, CancellationToken ct);
}

/// <summary>Raw counts: <paramref name="Minutes"/> are the past hour's non-empty minutes.</summary>
public sealed record LedgerCounts(long Total, long LastHour, long LastMinute, long Unprojected, DateTimeOffset? OldestUnprojected, IReadOnlyList<MinuteCount> Minutes);

public sealed class GetOverviewHandler(ILedgerStatistics statistics, TimeProvider time)
{
    public async Task<Overview> HandleAsync(GetOverview query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var counts = await statistics.CountAsync(query.TenantId, now, ct);
        var first = Truncate(now).AddMinutes(-59);
        var byMinute = counts.Minutes.ToDictionary(m => m.Minute, m => m.Statements);
        var series = Enumerable.Range(0, 60).Select(i => first.AddMinutes(i))
            .Select(m => new MinuteCount(m, byMinute.GetValueOrDefault(m))).ToList();
        var lag = counts.OldestUnprojected is { } oldest ? now - oldest : (TimeSpan?)null;
        return new Overview(now, counts.Total, counts.LastHour, counts.LastMinute / 60.0, counts.Unprojected,
            lag is { } l && l < TimeSpan.Zero ? TimeSpan.Zero : lag, series);
    }

    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
