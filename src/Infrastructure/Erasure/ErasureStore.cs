using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Erasure;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Messaging;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Erasure;

/// <summary>
/// GDPR erasure on PostgreSQL or SQLite (docs/decisions/0011). Every tenant transaction sets <c>lrs.tenant_id</c> first,
/// so row-level security admits exactly the tenant's rows; SQLite relies on the explicit tenant filters.
/// </summary>
public sealed class ErasureStore(IDbConnectionFactory connections, DatabaseOptions options) : IErasureStore
{
    /// <summary>Read models keyed by learner (migrations 0005, 0007): derived from statements by the learner's key alone.</summary>
    private static readonly string[] LearnerTables =
        ["attempts", "interaction_results", "completion_records", "pass_fail_records", "lesson_progress", "course_progress", "transcript_keys"];

    private const string Columns = "id, status, agent_hash, placeholder, requested_by, requested_at, counts, error, completed_at";

    private bool Postgres => options.Provider == DatabaseProvider.Postgres;

    private StatementDialect Dialect => Postgres ? StatementDialect.Postgres : StatementDialect.Sqlite;

    public Task<ErasureView> RequestAsync(Guid tenantId, Guid id, IReadOnlyList<string> keys, string placeholder, string requestedBy,
        DateTimeOffset at, CancellationToken ct) =>
        InTenantAsync(tenantId, ct, async (c, tx) =>
        {
            var hashKey = await HashKeyAsync(c, tx, tenantId, ct);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO erasure_requests (tenant_id, id, agent_hash, placeholder, requested_by, requested_at, status, pending_keys)
                VALUES (@tenant, @id, @hash, @placeholder, @requestedBy, @at, 'requested', @keys)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """,
                new
                {
                    tenant = Dialect.Id(tenantId), id = Dialect.Id(id), placeholder, requestedBy, at = Dialect.Time(at),
                    hash = Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(keys[0]))),
                    keys = JsonSerializer.Serialize(keys),
                }, tx, cancellationToken: ct));
            return (await FindAsync(c, tx, tenantId, id, ct))!;
        });

    public Task<ErasureView?> FindAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        InTenantAsync(tenantId, ct, (c, tx) => FindAsync(c, tx, tenantId, id, ct), readOnly: true);

    public Task<IReadOnlyList<ErasureView>> ListAsync(Guid tenantId, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken ct) =>
        InTenantAsync<IReadOnlyList<ErasureView>>(tenantId, ct, async (c, tx) =>
        {
            var filter = after is null ? string.Empty : " AND (requested_at < @at OR (requested_at = @at AND id < @afterId))";
            var sql = $"SELECT {Columns} FROM erasure_requests WHERE tenant_id = @tenant{filter} ORDER BY requested_at DESC, id DESC LIMIT @limit";
            return await ReadViewsAsync(c, tx, sql, new
            {
                tenant = Dialect.Id(tenantId), limit,
                at = after is { } a ? Dialect.Time(a.At) : null,
                afterId = after is { } b ? Dialect.Id(b.Id) : null,
            }, ct);
        }, readOnly: true);

    public async Task<IReadOnlyList<PendingErasure>> PendingAsync(CancellationToken ct)
    {
        var pending = new List<PendingErasure>();
        foreach (var tenant in await TenantsAsync(ct))
        {
            pending.AddRange(await InTenantAsync<IReadOnlyList<PendingErasure>>(tenant, ct, async (c, tx) =>
            {
                var rows = await c.QueryAsync<(string Id, string Status, string? Keys)>(new CommandDefinition(
                    $"SELECT {Cast("id")}, status, pending_keys FROM erasure_requests WHERE tenant_id = @tenant AND status IN ('requested', 'erased', 'rebuilt') ORDER BY requested_at",
                    new { tenant = Dialect.Id(tenant) }, tx, cancellationToken: ct));
                return rows.Select(r => new PendingErasure(tenant, Guid.Parse(r.Id), r.Status,
                    r.Keys is null ? [] : JsonSerializer.Deserialize<string[]>(r.Keys)!)).ToList();
            }, readOnly: true));
        }

        return pending;
    }

    public Task<ErasureCounts> EraseAsync(PendingErasure request, AgentRedaction redaction, DateTimeOffset now, CancellationToken ct) =>
        InTenantAsync(request.TenantId, ct, async (c, tx) =>
        {
            var tenant = Dialect.Id(request.TenantId);
            var keys = request.Keys.ToArray();
            if (keys.Length == 0)
            {
                throw new InvalidOperationException($"Erasure {request.Id} has no identifier keys left to erase.");
            }

            var ids = (await c.QueryAsync<string>(new CommandDefinition(
                $"SELECT DISTINCT {Cast("statement_id")} FROM statement_agents WHERE tenant_id = @tenant AND {In("agent_key", "keys")}",
                new { tenant, keys }, tx, cancellationToken: ct))).Select(Guid.Parse).ToList();

            var hashes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var payload = await c.ExecuteScalarAsync<string>(new CommandDefinition(
                    "SELECT payload FROM statements WHERE tenant_id = @tenant AND statement_id = @id", new { tenant, id = Dialect.Id(id) }, tx, cancellationToken: ct));
                var statement = JsonNode.Parse(payload!)!.AsObject();
                hashes.UnionWith(AgentRedaction.AttachmentHashes(statement));
                redaction.Redact(statement);
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE statements SET payload = @payload WHERE tenant_id = @tenant AND statement_id = @id",
                    new { tenant, id = Dialect.Id(id), payload = StatementJson.Serialize(statement) }, tx, cancellationToken: ct));
            }

            var placeholder = redaction.PlaceholderKey;
            await c.ExecuteAsync(new CommandDefinition(
                $"UPDATE statement_agents SET agent_key = @placeholder WHERE tenant_id = @tenant AND {In("agent_key", "keys")}",
                new { tenant, keys, placeholder }, tx, cancellationToken: ct));

            var documents = await c.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM documents WHERE tenant_id = @tenant AND {In("agent_key", "keys")}", new { tenant, keys }, tx, cancellationToken: ct));

            var attachments = 0;
            object idList = Postgres ? ids.ToArray() : ids.Select(i => i.ToString("D")).ToArray();
            foreach (var sha2 in hashes)
            {
                var others = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM statements WHERE tenant_id = @tenant AND payload LIKE @pattern{(ids.Count == 0 ? string.Empty : $" AND NOT ({In("statement_id", "ids")})")}",
                    Parameters(new { tenant, pattern = "%" + sha2 + "%" }, ("ids", idList)), tx, cancellationToken: ct));
                if (others == 0)
                {
                    attachments += await c.ExecuteAsync(new CommandDefinition(
                        "DELETE FROM attachments WHERE tenant_id = @tenant AND sha2 = @sha2", new { tenant, sha2 }, tx, cancellationToken: ct));
                }
            }

            // The learner's read-model rows go; the rebuild step derives the placeholder's from the redacted statements.
            long readModels = 0;
            foreach (var table in LearnerTables)
            {
                readModels += await c.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {table} WHERE tenant_id = @tenant AND {In("learner_key", "keys")}", new { tenant, keys }, tx, cancellationToken: ct));
            }

            var sagas = await RedactSagasAsync(c, tx, request.TenantId, redaction, ct);
            var messages = await RedactMessagesAsync(c, tx, request.TenantId, redaction, ct);
            var counts = new ErasureCounts(ids.Count, documents, attachments, readModels, sagas, messages);

            // Downstream services erase too: progress.gdpr.erased.v1 names the learner, so the outbox row is redacted
            // as soon as the relay has sent it (CompleteAsync), and the request keeps its keys until then.
            var erased = new LearnerErased
            {
                TenantId = request.TenantId, ErasureId = request.Id, LearnerKey = keys[0],
                StatementsErased = ids.Count, DocumentsErased = documents, ErasedAt = now,
            };
            await OutboxWriter.WriteAsync(c, tx, [OutboxMessage.From(erased, NotificationId(request.Id), "erasure:" + request.Id)], now, ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE erasure_requests SET status = 'erased', counts = @counts WHERE tenant_id = @tenant AND id = @id",
                new { tenant, id = Dialect.Id(request.Id), counts = JsonSerializer.Serialize(counts) }, tx, cancellationToken: ct));
            return counts;
        });

    public Task MarkRebuiltAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        InTenantAsync(tenantId, ct, (c, tx) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE erasure_requests SET status = 'rebuilt' WHERE tenant_id = @tenant AND id = @id AND status = 'erased'",
            new { tenant = Dialect.Id(tenantId), id = Dialect.Id(id) }, tx, cancellationToken: ct)));

    public Task<bool> CompleteAsync(PendingErasure request, AgentRedaction redaction, DateTimeOffset at, CancellationToken ct) =>
        InTenantAsync(request.TenantId, ct, async (c, tx) =>
        {
            var tenant = Dialect.Id(request.TenantId);
            var sent = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM outbox WHERE message_id = @id AND sent_at IS NOT NULL",
                new { id = Dialect.Id(NotificationId(request.Id)) }, tx, cancellationToken: ct));
            if (sent == 0)
            {
                return false;
            }

            // Messages published before the erasure may still have been on their way: a saga instance they started
            // meanwhile, or a dead letter they became, is redacted now, with the sent notification.
            await RedactMessagesAsync(c, tx, request.TenantId, redaction, ct);
            await RedactSagasAsync(c, tx, request.TenantId, redaction, ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE erasure_requests SET status = 'completed', pending_keys = NULL, completed_at = @at WHERE tenant_id = @tenant AND id = @id",
                new { tenant, id = Dialect.Id(request.Id), at = Dialect.Time(at) }, tx, cancellationToken: ct));
            return true;
        });

    public Task FailAsync(Guid tenantId, Guid id, string error, DateTimeOffset at, CancellationToken ct) =>
        InTenantAsync(tenantId, ct, (c, tx) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE erasure_requests SET status = 'failed', pending_keys = NULL, error = @error, completed_at = @at WHERE tenant_id = @tenant AND id = @id",
            new { tenant = Dialect.Id(tenantId), id = Dialect.Id(id), error, at = Dialect.Time(at) },
            tx, cancellationToken: ct)));

    private static Guid NotificationId(Guid erasureId) => MessageContracts.DeterministicId(MessageContracts.NameOf<LearnerErased>(), erasureId);

    /// <summary>Outbox rows and dead letters naming an erased key (payload JSON, aggregate key) get the placeholder instead.</summary>
    private async Task<long> RedactMessagesAsync(DbConnection c, DbTransaction tx, Guid tenantId, AgentRedaction redaction, CancellationToken ct)
    {
        long changed = 0;
        foreach (var (table, key, extra) in new[] { ("outbox", "CAST(position AS text)", ", aggregate_key"), ("dead_letters", "CAST(id AS text)", ", ''") })
        {
            var rows = await c.QueryAsync<(string Key, string Payload, string Aggregate)>(new CommandDefinition(
                $"SELECT {key}, payload{extra} FROM {table} WHERE tenant_id = @tenant",
                new { tenant = Dialect.Id(tenantId) }, tx, cancellationToken: ct));
            foreach (var row in rows)
            {
                var payload = JsonNode.Parse(row.Payload)!;
                var aggregate = redaction.Keys.Aggregate(row.Aggregate, (a, k) => a.Replace(k, redaction.PlaceholderKey, StringComparison.Ordinal));
                if (!ReplaceStrings(payload, redaction) && aggregate == row.Aggregate)
                {
                    continue;
                }

                var where = table == "outbox" ? "position = @key" : "id = @key";
                object keyValue = table == "outbox" ? long.Parse(row.Key, System.Globalization.CultureInfo.InvariantCulture) : Dialect.Id(Guid.Parse(row.Key));
                changed += await c.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {table} SET payload = @payload{(table == "outbox" ? ", aggregate_key = @aggregate" : string.Empty)} WHERE tenant_id = @tenant AND {where}",
                    Parameters(new { tenant = Dialect.Id(tenantId), payload = payload.ToJsonString(StatementJson.Options), aggregate }, ("key", keyValue)),
                    tx, cancellationToken: ct));
            }
        }

        return changed;
    }

    /// <summary>Saga instances (JSON) naming an erased key in any string property get the placeholder instead.</summary>
    private async Task<long> RedactSagasAsync(DbConnection c, DbTransaction tx, Guid tenantId, AgentRedaction redaction, CancellationToken ct)
    {
        var rows = await c.QueryAsync<(string Type, string Id, string Data)>(new CommandDefinition(
            $"SELECT saga_type, {Cast("correlation_id")}, data FROM saga_instances WHERE tenant_id = @tenant",
            new { tenant = Dialect.Id(tenantId) }, tx, cancellationToken: ct));
        long changed = 0;
        foreach (var row in rows)
        {
            var data = JsonNode.Parse(row.Data)!;
            if (!ReplaceStrings(data, redaction))
            {
                continue;
            }

            changed += await c.ExecuteAsync(new CommandDefinition(
                "UPDATE saga_instances SET data = @data, version = version + 1 WHERE saga_type = @type AND correlation_id = @id",
                new { type = row.Type, id = Dialect.Id(Guid.Parse(row.Id)), data = data.ToJsonString() }, tx, cancellationToken: ct));
        }

        return changed;
    }

    private static bool ReplaceStrings(JsonNode node, AgentRedaction redaction)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && redaction.Keys.Contains(s))
                    {
                        o[name] = redaction.PlaceholderKey;
                        changed = true;
                    }
                    else if (value is not null)
                    {
                        changed |= ReplaceStrings(value, redaction);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a.Where(i => i is not null))
                {
                    changed |= ReplaceStrings(item!, redaction);
                }

                break;
        }

        return changed;
    }

    private async Task<byte[]> HashKeyAsync(DbConnection c, DbTransaction tx, Guid tenantId, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO erasure_keys (tenant_id, hash_key) VALUES (@tenant, @key) ON CONFLICT (tenant_id) DO NOTHING",
            new { tenant = Dialect.Id(tenantId), key = RandomNumberGenerator.GetBytes(32) }, tx, cancellationToken: ct));
        return await c.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT hash_key FROM erasure_keys WHERE tenant_id = @tenant", new { tenant = Dialect.Id(tenantId) }, tx, cancellationToken: ct)) ?? [];
    }

    private async Task<ErasureView?> FindAsync(DbConnection c, DbTransaction tx, Guid tenantId, Guid id, CancellationToken ct) =>
        (await ReadViewsAsync(c, tx, $"SELECT {Columns} FROM erasure_requests WHERE tenant_id = @tenant AND id = @id",
            new { tenant = Dialect.Id(tenantId), id = Dialect.Id(id) }, ct)).FirstOrDefault();

    private async Task<IReadOnlyList<ErasureView>> ReadViewsAsync(DbConnection c, DbTransaction tx, string sql, object parameters, CancellationToken ct)
    {
        var views = new List<ErasureView>();
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            views.Add(new ErasureView(
                Dialect.ReadId(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Dialect.ReadTime(reader, 5),
                reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<ErasureCounts>(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : Dialect.ReadTime(reader, 8)));
        }

        return views;
    }

    private async Task<IReadOnlyList<Guid>> TenantsAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition($"SELECT {Cast("id")} FROM tenants", cancellationToken: ct))).Select(Guid.Parse).ToList();
    }

    // Dapper expands a list only when it sees its type, so lists typed per provider go in by name.
    private static DynamicParameters Parameters(object values, (string Name, object Value) list)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add(list.Name, list.Value);
        return parameters;
    }

    // Npgsql sends a list as one array parameter; Dapper expands it into a list for SQLite.
    private string In(string column, string parameter) => Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    private string Cast(string column) => Postgres ? $"{column}::text" : column;

    private async Task<T> InTenantAsync<T>(Guid tenantId, CancellationToken ct, Func<DbConnection, DbTransaction, Task<T>> work, bool readOnly = false)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = readOnly ? await connection.BeginReadAsync(ct) : await connection.BeginTransactionAsync(ct);
        if (Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgresStatementStore.SetTenant, new { tenant = tenantId }, tx, cancellationToken: ct));
        }

        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }
}
