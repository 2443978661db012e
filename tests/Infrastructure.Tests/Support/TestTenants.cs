using System.Data.Common;
using Dapper;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Tests.Support;

/// <summary>Tenant rows and tenant-scoped transactions for tests that work on the tables directly.</summary>
public static class TestTenants
{
    /// <summary>Inserts a tenant row (nothing else) and returns its id: <paramref name="id"/> or a new one.</summary>
    public static async Task<Guid> InsertAsync(DbConnection connection, StatementDialect dialect, Guid? id = null)
    {
        var tenant = id ?? Guid.NewGuid();
        var now = dialect == StatementDialect.Postgres ? DateTimeOffset.UtcNow : (object)DateTimeOffset.UtcNow.ToString("O");
        await connection.ExecuteAsync("INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, @now)",
            new { id = dialect.Id(tenant), name = "t-" + tenant.ToString("N")[..8], now });
        return tenant;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a committed transaction that sees <paramref name="tenant"/>'s rows: on PostgreSQL
    /// row-level security (ADR 0002) shows them only under the tenant's <c>lrs.tenant_id</c>.
    /// </summary>
    public static async Task InTenantAsync(Func<ValueTask<DbConnection>> open, Guid tenant, bool postgres, Func<DbConnection, DbTransaction, Task> work)
    {
        await using var connection = await open();
        await using var tx = await connection.BeginTransactionAsync();
        if (postgres)
        {
            await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        }

        await work(connection, tx);
        await tx.CommitAsync();
    }
}
