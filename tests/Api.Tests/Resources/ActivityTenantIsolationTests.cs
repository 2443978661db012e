using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Npgsql;
using static Lrs.Api.Tests.Resources.ActivitiesTests;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Resources;

/// <summary>Canonical definitions belong to one tenant: another tenant neither sees nor changes them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActivityTenantIsolationTests(PostgresLrsFactory lrs)
{
    [Fact] // Communication §2.5, §2.1.3 canonical; tenants are separate LRSs
    public async Task CanonicalDefinitions_TwoTenants_NeverSeeOrChangeEachOthers()
    {
        var (_, alice) = await lrs.NewTenantAsync();
        var (_, bob) = await lrs.NewTenantAsync();
        var activity = NewActivity();
        await PostAsync(alice, Defined(activity, new JsonObject { ["name"] = Map(("en", "Alice's")) }));

        Assert.Null((await GetActivityAsync(bob, activity))["definition"]);

        await PostAsync(bob, Defined(activity, new JsonObject { ["name"] = Map(("en", "Bob's")) }));
        Assert.Equal("Alice's", (await GetActivityAsync(alice, activity))["definition"]!["name"]!["en"]!.GetValue<string>());
        Assert.Equal("Bob's", (await GetActivityAsync(bob, activity))["definition"]!["name"]!["en"]!.GetValue<string>());
        var canonical = await GetResultAsync(alice, $"?activity={Q(activity)}&format=canonical");
        Assert.Equal("Alice's", canonical["statements"]![0]!["object"]!["definition"]!["name"]!["en"]!.GetValue<string>());
    }

    [Fact] // Row-level security on activities: without the tenant's setting the rows are invisible in SQL
    public async Task RowLevelSecurity_Activities_OnlyVisibleToTheirTenant()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        await PostAsync(client, Defined(NewActivity(), new JsonObject { ["name"] = Map(("en", "x")) }));

        await using var connection = new NpgsqlConnection(lrs.DatabaseConnectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await CountAsync(connection, null));
        Assert.Equal(0L, await CountAsync(connection, Guid.NewGuid()));
        Assert.Equal(1L, await CountAsync(connection, tenant));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, Guid? tenant)
    {
        await using var tx = await connection.BeginTransactionAsync();
        if (tenant is not null)
        {
            await using var set = new NpgsqlCommand($"SELECT set_config('lrs.tenant_id', '{tenant}', true)", connection, tx);
            await set.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM activities", connection, tx);
        var result = (long)(await count.ExecuteScalarAsync())!;
        await tx.CommitAsync();
        return result;
    }
}
