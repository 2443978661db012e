using System.Data.Common;
using Dapper;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

/// <summary>Migration 0014 marks the tenants that already hold a statement whose object is a StatementRef.</summary>
public sealed class StatementRefsMigrationTests
{
    [Fact]
    public Task Postgres_Up0014_MarksTenantsWithStatementRefs() =>
        UnmigratedDatabase.OnPostgresAsync((runner, open) => AssertBackfillAsync(runner, open, StatementDialect.Postgres, postgres: true));

    [Fact]
    public Task Sqlite_Up0014_MarksTenantsWithStatementRefs() =>
        UnmigratedDatabase.OnSqliteAsync((runner, open) => AssertBackfillAsync(runner, open, StatementDialect.Sqlite, postgres: false));

    private static async Task AssertBackfillAsync(MigrationRunner runner, Func<ValueTask<DbConnection>> open, StatementDialect dialect, bool postgres)
    {
        await runner.UpAsync();
        await runner.DownAsync("0013");
        var (withRef, plain, empty) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = await open())
        {
            foreach (var tenant in new[] { withRef, plain, empty })
            {
                await TestTenants.InsertAsync(connection, dialect, tenant);
            }
        }

        // Rows as the ingest path wrote them before 0014: one tenant with a StatementRef, one without.
        var target = Guid.NewGuid();
        foreach (var (tenant, reference) in new[] { (withRef, (Guid?)null), (withRef, target), (plain, null) })
        {
            await TestTenants.InTenantAsync(open, tenant, postgres, (c, tx) => c.ExecuteAsync(
                """
                INSERT INTO statements (tenant_id, stored, statement_id, verb_id, object_statement_id, authority_key, is_voiding, payload)
                VALUES (@tenant, @stored, @id, 'http://example.com/verbs/confirmed', @reference, 'authority', false, '{}')
                """,
                new
                {
                    tenant = dialect.Id(tenant), stored = dialect.Time(DateTimeOffset.UtcNow), id = dialect.Id(reference is null ? target : Guid.NewGuid()),
                    reference = reference is { } r ? dialect.Id(r) : null,
                }, tx));
        }

        await runner.UpAsync();

        await using var check = await open();
        var flags = (await check.QueryAsync<(string Id, bool Flag)>("SELECT CAST(id AS text), has_statement_refs FROM tenants"))
            .ToDictionary(r => Guid.Parse(r.Id), r => r.Flag);
        Assert.True(flags[withRef]);
        Assert.False(flags[plain]);
        Assert.False(flags[empty]);
    }
}
