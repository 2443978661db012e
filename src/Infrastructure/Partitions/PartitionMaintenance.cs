using Dapper;
using Lrs.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Partitions;

/// <summary>
/// Keeps monthly statement partitions (each hash-partitioned by tenant) created ahead of time on PostgreSQL,
/// so rows never fall into the default partition. Runs at start and then every few hours.
/// </summary>
public sealed class PartitionMaintenance(PostgresConnections connections, DatabaseOptions options, TimeProvider time, ILogger<PartitionMaintenance> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>Creates missing partitions from this month on; returns how many months were created.</summary>
    public async Task<int> EnsureAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var created = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT lrs_ensure_statement_partitions(@from::date, @months, @hash)",
            new { from = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), months = options.PartitionMonthsAhead, hash = options.TenantHashPartitions },
            cancellationToken: ct));
        if (created > 0)
        {
            logger.LogInformation("Created {Months} monthly statement partitions", created);
        }

        return created;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await EnsureAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Statement partition maintenance failed; will retry in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
