using System.Data.Common;
using Dapper;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

/// <summary>Migration 0012 copies each statement's stored time and sequence number onto its existing agent links.</summary>
public sealed class AgentLinkMigrationTests
{
    [Fact]
    public Task Postgres_Up0012_BackfillsStoredAndSeqOfExistingLinks() =>
        UnmigratedDatabase.OnPostgresAsync((runner, open) => AssertBackfillAsync(runner, open, StatementDialect.Postgres, postgres: true));

    [Fact]
    public Task Sqlite_Up0012_BackfillsStoredAndSeqOfExistingLinks() =>
        UnmigratedDatabase.OnSqliteAsync((runner, open) => AssertBackfillAsync(runner, open, StatementDialect.Sqlite, postgres: false));

    private static async Task AssertBackfillAsync(MigrationRunner runner, Func<ValueTask<DbConnection>> open, StatementDialect dialect, bool postgres)
    {
        await runner.UpAsync();
        await runner.DownAsync("0011");
        var tenant = Guid.NewGuid();
        var first = (Id: Guid.NewGuid(), Stored: new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));
        var second = (Id: Guid.NewGuid(), Stored: new DateTimeOffset(2026, 5, 6, 7, 8, 9, 120, TimeSpan.Zero));

        // Rows as the ingest path wrote them before 0012: links without stored or seq, and one link to no statement.
        await TestTenants.InTenantAsync(open, tenant, postgres, async (c, tx) =>
        {
            foreach (var (id, stored) in new[] { first, second })
            {
                var row = new { tenant = dialect.Id(tenant), id = dialect.Id(id), stored = dialect.Time(stored) };
                await c.ExecuteAsync("INSERT INTO statement_ids (tenant_id, statement_id, stored, is_voiding) VALUES (@tenant, @id, @stored, false)", row, tx);
                await c.ExecuteAsync(
                    """
                    INSERT INTO statements (tenant_id, stored, statement_id, verb_id, authority_key, is_voiding, payload)
                    VALUES (@tenant, @stored, @id, 'http://adlnet.gov/expapi/verbs/experienced', 'authority', false, '{}')
                    """, row, tx);
            }

            foreach (var (id, key, direct) in new[] { (first.Id, "mbox:a", true), (first.Id, "mbox:b", false), (second.Id, "mbox:a", true), (Guid.NewGuid(), "mbox:a", true) })
            {
                await c.ExecuteAsync("INSERT INTO statement_agents (tenant_id, statement_id, agent_key, direct) VALUES (@tenant, @id, @key, @direct)",
                    new { tenant = dialect.Id(tenant), id = dialect.Id(id), key, direct }, tx);
            }
        });

        await runner.UpAsync();

        await TestTenants.InTenantAsync(open, tenant, postgres, async (c, tx) =>
        {
            Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM statement_agents", transaction: tx));
            var matching = await c.ExecuteScalarAsync<long>(
                """
                SELECT count(*) FROM statement_agents g
                JOIN statements s ON s.tenant_id = g.tenant_id AND s.statement_id = g.statement_id AND s.stored = g.stored AND s.seq = g.seq
                """, transaction: tx);
            Assert.Equal(3, matching);
            foreach (var (id, stored, links) in new[] { (first.Id, first.Stored, 2L), (second.Id, second.Stored, 1L) })
            {
                Assert.Equal(links, await c.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM statement_agents WHERE statement_id = @id AND stored = @stored",
                    new { id = dialect.Id(id), stored = dialect.Time(stored) }, tx));
            }

            Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT count(DISTINCT seq) FROM statement_agents", transaction: tx));
        });
    }
}
