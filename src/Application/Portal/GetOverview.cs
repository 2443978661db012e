namespace Lrs.Application.Portal;

/// <summary>What the overview page shows of one tenant's ledger, now.</summary>
public sealed record GetOverview(Guid TenantId);

/// <summary>Statements stored in one minute starting at <paramref name="Minute"/>.</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Statements);

/// <summary>
/// Total: statements stored. LastHour: stored in the past hour. PerSecond: the rate over the past minute.
/// Unprojected: statements the progress projector has not reached yet, the oldest stored at OldestUnprojected.
/// PerMinute: the past hour minute by minute, oldest first, minutes without statements included.
/// Events: the tenant's side of the event backbone.
/// </summary>
public sealed record Overview(
    DateTimeOffset Now, long Total, long LastHour, double PerSecond, long Unprojected, TimeSpan? ProjectionLag,
    IReadOnlyList<MinuteCount> PerMinute, EventOverview Events);

/// <summary>
/// Unsent: outbox events the relay has not published yet, the oldest waiting for OldestUnsentAge. DeadLetters: messages
/// a consumer gave up on. FlaggedCompletions: completions certification never acknowledged (completion saga).
/// </summary>
public sealed record EventOverview(long Unsent, TimeSpan? OldestUnsentAge, long DeadLetters, long FlaggedCompletions);

/// <summary>Raw counts of one tenant's outbox, dead letters and flagged completions.</summary>
public sealed record EventCounts(long Unsent, DateTimeOffset? OldestUnsent, long DeadLetters, long FlaggedCompletions);

/// <summary>Counts over one tenant's event backbone (outbox, dead letters, completion saga).</summary>
public interface IEventStatistics
{
    Task<EventCounts> CountAsync(Guid tenantId, CancellationToken ct);
}

/// <summary>Counts over one tenant's ledger.</summary>
public interface ILedgerStatistics
{
    Task<LedgerCounts> CountAsync(Guid tenantId, DateTimeOffset now, CancellationToken ct);
}

/// <summary>Raw counts: <paramref name="Minutes"/> are the past hour's non-empty minutes.</summary>
public sealed record LedgerCounts(long Total, long LastHour, long LastMinute, long Unprojected, DateTimeOffset? OldestUnprojected, IReadOnlyList<MinuteCount> Minutes);

public sealed class GetOverviewHandler(ILedgerStatistics statistics, IEventStatistics events, TimeProvider time)
{
    public async Task<Overview> HandleAsync(GetOverview query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var counts = await statistics.CountAsync(query.TenantId, now, ct);
        var first = Truncate(now).AddMinutes(-59);
        var byMinute = counts.Minutes.ToDictionary(m => m.Minute, m => m.Statements);
        var series = Enumerable.Range(0, 60).Select(i => first.AddMinutes(i))
            .Select(m => new MinuteCount(m, byMinute.GetValueOrDefault(m))).ToList();
        var backbone = await events.CountAsync(query.TenantId, ct);
        return new Overview(now, counts.Total, counts.LastHour, counts.LastMinute / 60.0, counts.Unprojected, Age(now, counts.OldestUnprojected), series,
            new EventOverview(backbone.Unsent, Age(now, backbone.OldestUnsent), backbone.DeadLetters, backbone.FlaggedCompletions));
    }

    // How long ago, never negative (clocks of database and host may differ a little); null when there is nothing waiting.
    private static TimeSpan? Age(DateTimeOffset now, DateTimeOffset? since) =>
        since is { } s ? (now - s < TimeSpan.Zero ? TimeSpan.Zero : now - s) : null;

    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
