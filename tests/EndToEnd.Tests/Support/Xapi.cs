using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Lrs.EndToEnd.Tests.Support;

/// <summary>An xAPI 1.0.3 client for a running host and builders for the statements the tests send.</summary>
public static class Xapi
{
    public static HttpClient Client(Uri endpoint, string key, string secret)
    {
        var client = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    public static JsonObject Agent(string mbox) => new() { ["objectType"] = "Agent", ["mbox"] = mbox };

    public static JsonObject Statement(JsonObject actor) => new()
    {
        ["actor"] = actor.DeepClone(),
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/experienced", ["display"] = new JsonObject { ["en-US"] = "experienced" } },
        ["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = $"http://example.com/activities/{Guid.NewGuid():N}" },
    };

    public static JsonObject Voiding(JsonObject actor, Guid target) => new()
    {
        ["actor"] = actor.DeepClone(),
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/voided", ["display"] = new JsonObject { ["en-US"] = "voided" } },
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() },
    };

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>POSTs the statements and returns the ids the LRS acknowledged.</summary>
    public static async Task<Guid[]> PostAsync(HttpClient client, params JsonObject[] statements)
    {
        using var response = await client.PostAsync("statements", Json(new JsonArray([.. statements])));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST statements answered {(int)response.StatusCode}: {body}");
        return [.. JsonNode.Parse(body)!.AsArray().Select(n => Guid.Parse(n!.GetValue<string>()))];
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("statements" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET statements{query} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The id of a single statement, as a GET with statementId or voidedStatementId returns it.</summary>
    public static Guid Id(JsonObject statement) => Guid.Parse(statement["id"]!.GetValue<string>());

    /// <summary>The ids in a StatementResult, as a query returns it.</summary>
    public static Guid[] Ids(JsonObject result) =>
        [.. result["statements"]!.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>()))];
}
