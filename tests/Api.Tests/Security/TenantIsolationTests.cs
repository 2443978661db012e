using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Npgsql;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Security;

/// <summary>Two tenants never see each other's statements: through any query parameter, or in the database itself.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantIsolationTests(PostgresLrsFactory lrs)
{
    [Fact]
    public async Task Tenants_QueryingEveryFilter_NeverSeeEachOthersStatements()
    {
        var (_, alice) = await lrs.NewTenantAsync();
        var (_, bob) = await lrs.NewTenantAsync();
        var actor = Agent();
        var activity = NewActivity();
        var registration = Guid.NewGuid();
        var verb = $"http://example.com/verbs/{Guid.NewGuid():N}";
        var context = new JsonObject
        {
            ["registration"] = registration.ToString(),
            ["instructor"] = actor.DeepClone(),
            ["contextActivities"] = new JsonObject { ["grouping"] = new JsonObject { ["id"] = activity } },
        };
        var id = (await PostAsync(alice, Statement(actor, verb, activity, context: context)))[0];
        var voiding = (await PostAsync(alice, Voiding(Guid.NewGuid(), actor)))[0];

        string[] queries =
        [
            "", $"?agent={Q(actor.ToJsonString())}", $"?agent={Q(actor.ToJsonString())}&related_agents=true",
            $"?verb={Q(verb)}", $"?activity={Q(activity)}", $"?activity={Q(activity)}&related_activities=true",
            $"?registration={registration}", "?since=2000-01-01T00:00:00Z", "?until=2999-01-01T00:00:00Z", "?ascending=true",
            "?format=ids", "?format=canonical", "?limit=1",
        ];
        foreach (var query in queries)
        {
            var seen = await GetResultAsync(bob, query);
            Assert.DoesNotContain(seen["statements"]!.AsArray(), s => s!["id"]!.GetValue<string>() is var sid && (sid == id.ToString() || sid == voiding.ToString()));
            var own = await GetResultAsync(alice, query);
            Assert.NotEmpty(own["statements"]!.AsArray());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/xapi/statements?statementId={id}")).StatusCode);

        // The same statement id may exist in both tenants independently: ids are unique per tenant.
        var copy = Statement(id: id);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(bob, id, copy)).StatusCode);
    }

    [Fact] // Row-level security: with another tenant's setting, or none, the rows are invisible in SQL
    public async Task RowLevelSecurity_OtherTenantSetting_SeesNoRows()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        await PostAsync(client, Statement());

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
            $"INSERT INTO statement_ids (tenant_id, statement_id, stored, is_voiding) VALUES ('{tenant}', gen_random_uuid(), now(), false)", connection, tx);
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("42501", error.SqlState); // insufficient_privilege: the policy's WITH CHECK
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, Guid? tenant)
    {
        await using var tx = await connection.BeginTransactionAsync();
        if (tenant is not null)
        {
            await using var set = new NpgsqlCommand($"SELECT set_config('lrs.tenant_id', '{tenant}', true)", connection, tx);
            await set.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM statements", connection, tx);
        var result = (long)(await count.ExecuteScalarAsync())!;
        await tx.CommitAsync();
        return result;
    }
}
