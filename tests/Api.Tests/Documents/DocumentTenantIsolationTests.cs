using System.Net;
using Lrs.Api.Tests.Support;
using Npgsql;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>A tenant is an LRS of its own: another tenant can neither see, overwrite nor delete its documents.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentTenantIsolationTests(PostgresLrsFactory lrs)
{
    [Fact]
    public async Task Documents_OtherTenant_CannotReadListOverwriteOrDelete()
    {
        var (_, alice) = await lrs.NewTenantAsync();
        var (_, bob) = await lrs.NewTenantAsync();
        var (activity, agent) = (NewActivity(), Agent());
        string[] uris = [StateUri(activity, agent, "d"), ActivityProfileUri(activity, "d"), AgentProfileUri(agent, "d")];
        foreach (var uri in uris)
        {
            await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(alice, uri, TextBody("alice")));
        }

        foreach (var uri in uris)
        {
            await AssertStatusAsync(HttpStatusCode.NotFound, bob.GetAsync(uri));
            await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PutAsync(bob, uri, TextBody("bob"), ifMatch: ETagOf("alice")));
            await AssertStatusAsync(HttpStatusCode.PreconditionFailed, DeleteAsync(bob, uri, ifMatch: ETagOf("alice")));
            await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(bob, uri));

            // Bob's own document of the same name is his alone (a new one, so no 409 for the profiles).
            await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(bob, uri, TextBody("bob")));
            Assert.Equal("bob", await bob.GetStringAsync(uri));
        }

        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(bob, StateUri(activity, agent)));
        Assert.Empty(await GetIdsAsync(bob, StateUri(activity, agent)));
        foreach (var uri in uris)
        {
            Assert.Equal("alice", await alice.GetStringAsync(uri));
        }

        Assert.Equal(["d"], await GetIdsAsync(alice, StateUri(activity, agent)));
        Assert.Equal(["d"], await GetIdsAsync(alice, ActivityProfileUri(activity)));
        Assert.Equal(["d"], await GetIdsAsync(alice, AgentProfileUri(agent)));
    }

    [Fact] // Row-level security on documents: without the tenant's setting the rows are invisible, and inserts for another tenant fail
    public async Task RowLevelSecurity_Documents_ConfinedToTenantSetting()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(NewActivity(), Agent(), "s"), TextBody("x")));

        await using var connection = new NpgsqlConnection(lrs.DatabaseConnectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await CountAsync(connection, null));
        Assert.Equal(0L, await CountAsync(connection, Guid.NewGuid()));
        Assert.Equal(1L, await CountAsync(connection, tenant));

        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('lrs.tenant_id', '{Guid.NewGuid()}', true)", connection, tx))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO documents (tenant_id, kind, activity_id, agent_key, document_id, content, content_type, etag, updated)
            VALUES ('{tenant}', 'state', 'a', 'b', 'c', '\x00', 'x', 'e', now())
            """, connection, tx);
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("42501", error.SqlState);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, Guid? tenant)
    {
        await using var tx = await connection.BeginTransactionAsync();
        if (tenant is not null)
        {
            await using var set = new NpgsqlCommand($"SELECT set_config('lrs.tenant_id', '{tenant}', true)", connection, tx);
            await set.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM documents", connection, tx);
        var result = (long)(await count.ExecuteScalarAsync())!;
        await tx.RollbackAsync();
        return result;
    }
}
