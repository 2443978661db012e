using Dapper;
using Npgsql;

namespace Lrs.Infrastructure.Courses;

/// <summary>One transaction confined to a tenant: <c>lrs.tenant_id</c> is set first, as the row-level security policies require.</summary>
internal static class PostgresTenant
{
    public static async Task<T> RunAsync<T>(NpgsqlDataSource dataSource, Guid tenantId, CancellationToken ct, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant = tenantId }, tx, cancellationToken: ct));
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }
}
