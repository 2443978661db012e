using System.Data.Common;
using System.Text.Json;
using Dapper;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;
using Npgsql;
using Microsoft.Data.Sqlite;

namespace Lrs.Infrastructure.Sagas;

/// <summary>
/// Rows of <c>saga_instances</c> for one saga type (migration 0011). Every write is one statement: an insert fails on
/// the key when the instance exists, an update or delete only matches the version that was loaded, and either failure
/// is a <see cref="SagaConcurrencyException"/> so the message is retried against the current row.
/// </summary>
public sealed class SagaStore<TSaga>(IDbConnectionFactory connections, DatabaseOptions options, string sagaType)
    where TSaga : class, IPersistedSaga
{
    // The repository serves every tenant's messages, so its sessions set lrs.saga_repository, which the row-level
    // security policy of saga_instances admits alongside the tenant's own sessions (docs/decisions/0011).
    private const string RepositoryScope = "SELECT set_config('lrs.saga_repository', 'on', true)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private bool Postgres => options.Provider == DatabaseProvider.Postgres;

    private StatementDialect Dialect => Postgres ? StatementDialect.Postgres : StatementDialect.Sqlite;

    public string SagaType => sagaType;

    public async Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken ct)
    {
        var data = await RunAsync((c, tx) => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT data FROM saga_instances WHERE saga_type = @sagaType AND correlation_id = @id",
            new { sagaType, id = Dialect.Id(correlationId) }, tx, cancellationToken: ct)), ct, readOnly: true);
        return data is null ? null : JsonSerializer.Deserialize<TSaga>(data, Json);
    }

    /// <summary>Every instance of this saga type, optionally of one tenant and one state, oldest change first.</summary>
    public async Task<IReadOnlyList<TSaga>> ListAsync(Guid? tenantId, string? state, CancellationToken ct)
    {
        var filter = (tenantId is null ? string.Empty : " AND tenant_id = @tenant") + (state is null ? string.Empty : " AND current_state = @state");
        var rows = await RunAsync((c, tx) => c.QueryAsync<string>(new CommandDefinition(
            $"SELECT data FROM saga_instances WHERE saga_type = @sagaType{filter} ORDER BY updated_at, correlation_id",
            new { sagaType, state, tenant = tenantId is { } t ? Dialect.Id(t) : null }, tx, cancellationToken: ct)), ct, readOnly: true);
        return rows.Select(d => JsonSerializer.Deserialize<TSaga>(d, Json)!).ToList();
    }

    /// <summary>Instances whose due time has passed.</summary>
    public async Task<IReadOnlyList<TSaga>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        var rows = await RunAsync((c, tx) => c.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM saga_instances WHERE saga_type = @sagaType AND due_at <= @now ORDER BY due_at LIMIT @limit",
            new { sagaType, now = Dialect.Time(now), limit }, tx, cancellationToken: ct)), ct, readOnly: true);
        return rows.Select(d => JsonSerializer.Deserialize<TSaga>(d, Json)!).ToList();
    }

    public async Task InsertAsync(TSaga saga, CancellationToken ct)
    {
        saga.Version = 1;
        var now = Dialect.Time(DateTimeOffset.UtcNow);
        try
        {
            await RunAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO saga_instances (saga_type, correlation_id, tenant_id, current_state, version, due_at, data, created_at, updated_at)
                VALUES (@sagaType, @id, @tenant, @state, @version, @due, @data, @now, @now)
                """, Parameters(saga, now), tx, cancellationToken: ct)), ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new SagaConcurrencyException(sagaType, saga.CorrelationId);
        }
    }

    public async Task UpdateAsync(TSaga saga, CancellationToken ct)
    {
        var loaded = saga.Version;
        saga.Version = loaded + 1;
        var parameters = Parameters(saga, Dialect.Time(DateTimeOffset.UtcNow));
        parameters.Add("loaded", loaded);
        var changed = await RunAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE saga_instances SET current_state = @state, version = @version, due_at = @due, data = @data, updated_at = @now
            WHERE saga_type = @sagaType AND correlation_id = @id AND version = @loaded
            """, parameters, tx, cancellationToken: ct)), ct);
        if (changed == 0)
        {
            saga.Version = loaded;
            throw new SagaConcurrencyException(sagaType, saga.CorrelationId);
        }
    }

    public async Task DeleteAsync(TSaga saga, CancellationToken ct)
    {
        var deleted = await RunAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM saga_instances WHERE saga_type = @sagaType AND correlation_id = @id AND version = @version",
            new { sagaType, id = Dialect.Id(saga.CorrelationId), version = saga.Version }, tx, cancellationToken: ct)), ct);
        if (deleted == 0)
        {
            throw new SagaConcurrencyException(sagaType, saga.CorrelationId);
        }
    }

    private DynamicParameters Parameters(TSaga saga, object now)
    {
        var p = new DynamicParameters(new
        {
            sagaType,
            id = Dialect.Id(saga.CorrelationId),
            tenant = Dialect.Id(saga.TenantId),
            state = saga.CurrentState,
            version = saga.Version,
            data = JsonSerializer.Serialize(saga, Json),
            now,
        });
        p.Add("due", saga.DueAt is { } due ? Dialect.Time(due) : null);
        return p;
    }

    /// <summary>One statement in its own transaction, with the repository's scope set for it on PostgreSQL.</summary>
    private async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> statement, CancellationToken ct, bool readOnly = false)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = readOnly ? await connection.BeginReadAsync(ct) : await connection.BeginTransactionAsync(ct);
        if (Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(RepositoryScope, transaction: tx, cancellationToken: ct));
        }

        var result = await statement(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    private static bool IsUniqueViolation(DbException e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };
}
