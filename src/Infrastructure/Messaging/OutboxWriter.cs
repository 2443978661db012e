using System.Data.Common;
using Dapper;
using Lrs.Application.Events;
using Lrs.Infrastructure.Statements;
using Npgsql;

namespace Lrs.Infrastructure.Messaging;

/// <summary>
/// Queues integration events in the caller's transaction (the projector's, the ingest's, a saga's …), so they are
/// published if and only if the change they announce commits. A message id already queued is skipped: a fact derived
/// again yields the same deterministic id (docs/decisions/0009). On PostgreSQL the transaction must have
/// <c>lrs.tenant_id</c> set to the messages' tenant, as for any tenant write.
/// </summary>
public static class OutboxWriter
{
    public static async Task<int> WriteAsync(
        DbConnection connection, DbTransaction tx, IEnumerable<OutboxMessage> messages, DateTimeOffset now, CancellationToken ct)
    {
        var dialect = connection is NpgsqlConnection ? StatementDialect.Postgres : StatementDialect.Sqlite;
        var written = 0;
        foreach (var message in messages)
        {
            written += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO outbox (message_id, tenant_id, message_type, aggregate_key, payload, created_at)
                VALUES (@id, @tenant, @type, @aggregate, @payload, @now)
                ON CONFLICT (message_id) DO NOTHING
                """,
                new
                {
                    id = dialect.Id(message.MessageId), tenant = dialect.Id(message.TenantId), type = message.MessageType,
                    aggregate = message.AggregateKey, payload = message.Payload, now = dialect.Time(now),
                },
                tx, cancellationToken: ct));
        }

        return written;
    }
}
