using System.Data.Common;
using Dapper;
using Lrs.Application.Events;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Messaging;

/// <summary>An outbox row the relay has not published yet.</summary>
public sealed record OutboxRow(
    long Position, Guid MessageId, Guid TenantId, string MessageType, string AggregateKey, string Payload,
    DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? NextAttemptAt);

/// <summary>The outbox as the relay sees it, the inbox of every consumer, and the dead letters (migration 0009).</summary>
public sealed class MessageStore(IDbConnectionFactory connections, DatabaseProvider provider) : IDeadLetterStore
{
    private bool Postgres => provider == DatabaseProvider.Postgres;

    private StatementDialect Dialect => Postgres ? StatementDialect.Postgres : StatementDialect.Sqlite;

    /// <summary>
    /// The first unsent rows in position order, at most <paramref name="limit"/> per tenant (row-level security confines
    /// PostgreSQL reads to one tenant, so each tenant is read on its own).
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginReadAsync(ct);
        var rows = new List<OutboxRow>();
        foreach (var tenant in await TenantsAsync(connection, tx, ct))
        {
            await UseTenantAsync(connection, tx, tenant, ct);
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"""
                SELECT position, message_id, tenant_id, message_type, aggregate_key, payload, created_at, attempts, next_attempt_at
                FROM outbox WHERE sent_at IS NULL{(tenant is null ? string.Empty : " AND tenant_id = @tenant")} ORDER BY position LIMIT @limit
                """, new { tenant, limit }, tx, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new OutboxRow(reader.GetInt64(0), Dialect.ReadId(reader, 1), Dialect.ReadId(reader, 2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), Dialect.ReadTime(reader, 6), Convert.ToInt32(reader.GetValue(7), null),
                    reader.IsDBNull(8) ? null : Dialect.ReadTime(reader, 8)));
            }
        }

        await tx.CommitAsync(ct);
        return rows.OrderBy(r => r.Position).ToList();
    }

    /// <summary>Unsent rows and the creation time of the oldest, over every tenant.</summary>
    public async Task<(long Count, DateTimeOffset? Oldest)> BacklogAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginReadAsync(ct);
        long count = 0;
        DateTimeOffset? oldest = null;
        foreach (var tenant in await TenantsAsync(connection, tx, ct))
        {
            await UseTenantAsync(connection, tx, tenant, ct);
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT count(*), min(created_at) FROM outbox WHERE sent_at IS NULL{(tenant is null ? string.Empty : " AND tenant_id = @tenant")}",
                new { tenant }, tx, cancellationToken: ct));
            await reader.ReadAsync(ct);
            count += Convert.ToInt64(reader.GetValue(0), null);
            if (!reader.IsDBNull(1) && Dialect.ReadTime(reader, 1) is var first && (oldest is null || first < oldest))
            {
                oldest = first;
            }
        }

        await tx.CommitAsync(ct);
        return (count, oldest);
    }

    /// <summary>Marks the rows sent: one statement per tenant.</summary>
    public async Task MarkSentAsync(IReadOnlyCollection<OutboxRow> rows, DateTimeOffset now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var tenant in rows.GroupBy(r => r.TenantId))
        {
            await UseTenantAsync(connection, tx, Postgres ? tenant.Key : null, ct);
            // Dapper expands the list for SQLite; Npgsql takes it as one array parameter.
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE outbox SET sent_at = @now, attempts = attempts + 1, last_error = NULL WHERE position {(Postgres ? "= ANY(@positions)" : "IN @positions")}",
                new { now = Dialect.Time(now), positions = tenant.Select(r => r.Position).ToArray() }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Deletes outbox rows sent before <paramref name="sentBefore"/> and inbox entries recorded before
    /// <paramref name="handledBefore"/> (either null: kept); returns how many of each were deleted. Unsent rows stay.
    /// </summary>
    public async Task<(long Outbox, long Inbox)> PruneAsync(DateTimeOffset? sentBefore, DateTimeOffset? handledBefore, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        long outbox = 0;
        if (sentBefore is { } sent)
        {
            foreach (var tenant in await TenantsAsync(connection, tx, ct))
            {
                await UseTenantAsync(connection, tx, tenant, ct);
                outbox += await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < @sent{(tenant is null ? string.Empty : " AND tenant_id = @tenant")}",
                    new { tenant, sent = Dialect.Time(sent) }, tx, cancellationToken: ct));
            }
        }

        var inbox = handledBefore is { } handled
            ? await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM inbox WHERE handled_at < @handled", new { handled = Dialect.Time(handled) }, tx, cancellationToken: ct))
            : 0;
        await tx.CommitAsync(ct);
        return (outbox, inbox);
    }

    public async Task MarkFailedAsync(OutboxRow row, string error, DateTimeOffset retryAt, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await UseTenantAsync(connection, tx, Postgres ? row.TenantId : null, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @retryAt WHERE position = @position",
            new { error, retryAt = Dialect.Time(retryAt), position = row.Position }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>Whether <paramref name="consumer"/> has handled the message already.</summary>
    public async Task<bool> HandledAsync(string consumer, Guid messageId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM inbox WHERE consumer = @consumer AND message_id = @id",
            new { consumer, id = Dialect.Id(messageId) }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// Records in the caller's transaction that <paramref name="consumer"/> handled the message; false when it was
    /// recorded before (the caller then rolls its effect back). Consumers whose effect is a database write call this
    /// in the effect's transaction.
    /// </summary>
    public static async Task<bool> TryRecordHandledAsync(DbConnection connection, DbTransaction? tx, string consumer, Guid messageId, CancellationToken ct)
    {
        var dialect = connection is Npgsql.NpgsqlConnection ? StatementDialect.Postgres : StatementDialect.Sqlite;
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id, handled_at) VALUES (@consumer, @id, @now) ON CONFLICT (consumer, message_id) DO NOTHING",
            new { consumer, id = dialect.Id(messageId), now = dialect.Time(DateTimeOffset.UtcNow) }, tx, cancellationToken: ct)) == 1;
    }

    public async Task<bool> RecordHandledAsync(string consumer, Guid messageId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await TryRecordHandledAsync(connection, null, consumer, messageId, ct);
    }

    public async Task AddDeadLetterAsync(DeadLetter letter, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await UseTenantAsync(connection, tx, Postgres ? letter.TenantId : null, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dead_letters (id, tenant_id, message_id, message_type, consumer, payload, error, attempts, failed_at)
            VALUES (@id, @tenant, @message, @type, @consumer, @payload, @error, @attempts, @at)
            """,
            new
            {
                id = Dialect.Id(letter.Id), tenant = Dialect.Id(letter.TenantId), message = Dialect.Id(letter.MessageId), type = letter.MessageType,
                consumer = letter.Consumer, payload = letter.Payload, error = letter.Error, attempts = letter.Attempts, at = Dialect.Time(letter.FailedAt),
            }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(Guid tenantId, Guid? after, int limit, string? messageType, CancellationToken ct) =>
        ReadDeadLettersAsync(tenantId,
            (after is null ? string.Empty : " AND id > @after") + (messageType is null ? string.Empty : " AND message_type = @type") + " ORDER BY id LIMIT @limit",
            new { tenant = Dialect.Id(tenantId), after = after is { } a ? Dialect.Id(a) : null, type = messageType, limit }, ct);

    public async Task<IReadOnlyList<string>> MessageTypesAsync(Guid tenantId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await UseTenantAsync(connection, tx, Postgres ? tenantId : null, ct);
        var types = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT message_type FROM dead_letters WHERE tenant_id = @tenant ORDER BY message_type",
            new { tenant = Dialect.Id(tenantId) }, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        return types;
    }

    public async Task<DeadLetter?> FindAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        (await ReadDeadLettersAsync(tenantId, " AND id = @id", new { tenant = Dialect.Id(tenantId), id = Dialect.Id(id) }, ct)).SingleOrDefault();

    public async Task<bool> DeleteAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await UseTenantAsync(connection, tx, Postgres ? tenantId : null, ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM dead_letters WHERE tenant_id = @tenant AND id = @id", new { tenant = Dialect.Id(tenantId), id = Dialect.Id(id) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted > 0;
    }

    private async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(Guid tenantId, string filter, object parameters, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await UseTenantAsync(connection, tx, Postgres ? tenantId : null, ct);
        var letters = new List<DeadLetter>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, tenant_id, message_id, message_type, consumer, payload, error, attempts, failed_at FROM dead_letters WHERE tenant_id = @tenant" + filter,
            parameters, tx, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                letters.Add(new DeadLetter(Dialect.ReadId(reader, 0), Dialect.ReadId(reader, 1), Dialect.ReadId(reader, 2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), Convert.ToInt32(reader.GetValue(7), null), Dialect.ReadTime(reader, 8)));
            }
        }

        await tx.CommitAsync(ct);
        return letters;
    }

    // On PostgreSQL the tenants to visit one by one; on SQLite a single pass over all (null).
    private async Task<IReadOnlyList<Guid?>> TenantsAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Postgres
        ? (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM tenants ORDER BY id", transaction: tx, cancellationToken: ct))).Select(t => (Guid?)t).ToList()
        : [null];

    private async Task UseTenantAsync(DbConnection connection, DbTransaction tx, Guid? tenant, CancellationToken ct)
    {
        if (Postgres && tenant is { } id)
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgresStatementStore.SetTenant, new { tenant = id }, tx, cancellationToken: ct));
        }
    }
}
