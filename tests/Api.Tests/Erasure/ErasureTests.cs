using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Api.Tests.Support;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Erasure;

/// <summary>GDPR erasure of an agent (overview seed §8: erasure is the one mutation of the append-only ledger).</summary>
public abstract class ErasureTests(LrsFactory lrs)
{
    [Fact]
    public async Task Erasure_OfAnAgent_LeavesNothingIdentifyingAndOtherLearnersUntouched()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var mbox = $"mailto:erin.{tag}@example.com";
        var name = $"Erin Erasable {tag}";
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(mbox)));
        var erin = new JsonObject { ["objectType"] = "Agent", ["name"] = name, ["mbox"] = mbox };
        var erinBySha1 = new JsonObject { ["mbox_sha1sum"] = sha1, ["name"] = name };
        var bob = new JsonObject { ["objectType"] = "Agent", ["name"] = "Bob Kept", ["mbox"] = $"mailto:bob.{tag}@example.com" };
        var course = NewActivity();

        // Erin as actor, as a Group member, as instructor, by mbox_sha1sum, inside a SubStatement; Bob's own statements.
        await PostAsync(client,
            Completed(erin, course),
            Completed(bob, course),
            Statement(new JsonObject { ["objectType"] = "Group", ["member"] = new JsonArray(erin.DeepClone(), bob.DeepClone()) }, activity: course),
            Statement(bob, activity: course, context: new JsonObject { ["instructor"] = erin.DeepClone() }),
            Statement(erinBySha1, activity: course),
            Statement(bob, activity: course).Also(s => s["object"] = new JsonObject
            {
                ["objectType"] = "SubStatement", ["actor"] = erin.DeepClone(),
                ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/attended" },
                ["object"] = new JsonObject { ["id"] = course },
            }));
        var evidence = Multipart.Bytes($"essay by {name}");
        var withAttachment = Multipart.WithAttachments(Statement(erin, activity: course), Multipart.Attachment(evidence));
        var posted = await client.PostAsync("/xapi/statements", Multipart.Content(new JsonArray(withAttachment), Part.For(evidence)));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await PutDocumentAsync(client, StateUri(course, erin, "bookmark"), $"{{\"by\":\"{name}\"}}");
        await PutDocumentAsync(client, AgentProfileUri(erin, "preferences"), "{\"theme\":\"dark\"}");
        await PutDocumentAsync(client, StateUri(course, bob, "bookmark"), "{\"page\":3}");
        await lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);

        string[] identifying = [mbox, mbox["mailto:".Length..], sha1, name];
        await OutboxSentAsync(tenant);
        var before = await RowsAsync(tenant);
        Assert.Contains(before, r => identifying.Any(i => r.Contains(i, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(before, r => r.Contains(ProgressVerbs.Completed, StringComparison.Ordinal) && r.Contains(mbox, StringComparison.OrdinalIgnoreCase));

        var response = await client.PostAsync("/api/v1/erasure-requests", Json(erin));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var request = await WaitForAsync(client, location, "completed");

        var counts = request["counts"]!;
        Assert.Equal(6, counts["statements"]!.GetValue<long>());
        Assert.Equal(2, counts["documents"]!.GetValue<long>());
        Assert.Equal(1, counts["attachments"]!.GetValue<long>());
        Assert.True(counts["readModelRows"]!.GetValue<long>() > 0);
        Assert.Matches("^[0-9a-f]{64}$", request["agentHash"]!.GetValue<string>());

        var after = await RowsAsync(tenant);
        var left = after.Where(r => identifying.Any(i => r.Contains(i, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(left.Count == 0, $"Identifying data left after {request}: " + string.Join("\n", left));
        // Every row that did not name Erin is still there, byte for byte.
        var untouched = before.Where(r => !identifying.Any(i => r.Contains(i, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.All(untouched, r => Assert.Contains(r, after));
        Assert.Contains(after, r => r.Contains(request["placeholder"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostErasure_NotAnAgent_Returns400SayingWhy()
    {
        var (_, client) = await lrs.NewTenantAsync();

        var group = await client.PostAsync("/api/v1/erasure-requests", Json(new JsonObject { ["objectType"] = "Group", ["mbox"] = "mailto:team@example.com" }));
        var empty = await client.PostAsync("/api/v1/erasure-requests", new StringContent("", Encoding.UTF8, "application/json"));
        var missing = await client.GetAsync($"/api/v1/erasure-requests/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        Assert.Contains("Group", await group.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static JsonObject Completed(JsonObject actor, string activity)
    {
        var statement = Statement(actor, ProgressVerbs.Completed, activity);
        statement["result"] = new JsonObject { ["completion"] = true, ["success"] = true };
        return statement;
    }

    private static async Task PutDocumentAsync(HttpClient client, string uri, string json)
    {
        var response = await client.PutAsync(uri, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient client, string location, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = JsonNode.Parse(await client.GetStringAsync(location))!;
            if (body["status"]!.GetValue<string>() == status)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Erasure did not reach {status}: {body}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the relay has sent the tenant's queued events, so the snapshot holds still.</summary>
    private async Task OutboxSentAsync(Guid tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RowsAsync(tenant)).Any(r => r.StartsWith("outbox:", StringComparison.Ordinal) && r.Split(" | ")[7] == "null"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The relay did not send the tenant's events.");
            await Task.Delay(100);
        }

        // The completion event has reached the completion saga, whose instance names the learner too.
        while (!(await RowsAsync(tenant)).Any(r => r.StartsWith("saga_instances:", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The completion saga did not start.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every row of every table holding tenant data, as text (binary columns decoded as UTF-8 too).</summary>
    private async Task<List<string>> RowsAsync(Guid tenant)
    {
        var postgres = lrs.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres;
        await using var connection = await lrs.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (postgres)
        {
            await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @t, true)", new { t = tenant.ToString() }, tx);
        }

        var tables = postgres
            ? await connection.QueryAsync<string>(
                """
                SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                WHERE a.attname = 'tenant_id' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relnamespace = 'public'::regnamespace
                """, transaction: tx)
            : await connection.QueryAsync<string>(
                "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'tenant_id')",
                transaction: tx);
        var rows = new List<string>();
        foreach (var table in tables.Order(StringComparer.Ordinal))
        {
            await using var reader = await connection.ExecuteReaderAsync($"SELECT * FROM {table} WHERE tenant_id = @t",
                new { t = postgres ? (object)tenant : tenant.ToString() }, tx);
            while (await reader.ReadAsync())
            {
                rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader, i))));
            }
        }

        return rows;
    }

    private static string Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes) + " 0x" + Convert.ToHexString(bytes),
        DateTime t => t.ToString("O"),
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresErasureTests(PostgresLrsFactory lrs) : ErasureTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteErasureTests(SqliteLrsFactory lrs) : ErasureTests(lrs);
