using Dapper;
using Lrs.Application.Statements.Attachments;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

public sealed class RowLevelSecurityTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostgresDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Role_UsedByTests_IsNotSuperuser()
    {
        // Superusers bypass row-level security even with FORCE, so tenant isolation is only tested by a plain role.
        await using var connection = await _db.DataSource.OpenConnectionAsync();

        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user"));
    }

    [Theory]
    [InlineData("statements")]
    [InlineData("statement_ids")]
    [InlineData("statement_agents")]
    [InlineData("statement_activities")]
    [InlineData("statement_voids")]
    [InlineData("attachments")]
    [InlineData("activities")]
    public async Task Select_NoTenantSet_SeesNoRows(string table)
    {
        var tenant = Guid.NewGuid();
        var target = TestStatements.Experienced() with { Attachments = [new AttachmentPayload(new string('a', 64), "text/plain", [1, 2, 3])] };
        await new StatementBatchWriter(new PostgresStatementStore(_db.DataSource))
            .WriteAsync([TestStatements.Request(tenant, target, TestStatements.Voiding(target.Id))], CancellationToken.None);
        await using var connection = await _db.DataSource.OpenConnectionAsync();

        var unscoped = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        var scoped = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}", transaction: tx);

        Assert.Equal(0, unscoped);
        Assert.True(scoped > 0, $"{table} should hold the tenant's rows");
    }

    [Fact]
    public async Task Insert_OtherTenantThanSet_IsRefused()
    {
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant = Guid.NewGuid() }, tx);

        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO statement_ids (tenant_id, statement_id, stored, is_voiding) VALUES (@other, @id, now(), false)",
            new { other = Guid.NewGuid(), id = Guid.NewGuid() }, tx));
        Assert.Equal("42501", e.SqlState); // insufficient_privilege: new row violates row-level security policy
    }
}
