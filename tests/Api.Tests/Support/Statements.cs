using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Lrs.Api.Tests.Support;

/// <summary>Builders for statements that are unique per test, so tests sharing a database never see each other's data.</summary>
public static class Statements
{
    public static string NewActivity() => $"http://example.com/activities/{Guid.NewGuid():N}";

    public static JsonObject Agent(string? mbox = null) => new()
    {
        ["objectType"] = "Agent",
        ["mbox"] = mbox ?? $"mailto:{Guid.NewGuid():N}@example.com",
    };

    public static JsonObject Statement(JsonObject? actor = null, string verb = "http://adlnet.gov/expapi/verbs/experienced",
        string? activity = null, Guid? id = null, JsonObject? context = null)
    {
        var s = new JsonObject
        {
            ["actor"] = actor?.DeepClone() ?? Agent(),
            ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = "experienced" } },
            ["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = activity ?? NewActivity() },
        };
        if (id is not null)
        {
            s["id"] = id.ToString();
        }

        if (context is not null)
        {
            s["context"] = context.DeepClone();
        }

        return s;
    }

    public static JsonObject Voiding(Guid target, JsonObject? actor = null) => new()
    {
        ["actor"] = actor?.DeepClone() ?? Agent(),
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/voided" },
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() },
    };

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<Guid[]> PostAsync(HttpClient client, params JsonObject[] statements)
    {
        var response = await client.PostAsync("/xapi/statements", Json(new JsonArray(statements.Select(s => (JsonNode)s.DeepClone()).ToArray())));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsArray().Select(n => Guid.Parse(n!.GetValue<string>())).ToArray();
    }

    public static async Task<JsonObject> GetResultAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/xapi/statements" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {query} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static string Q(string value) => Uri.EscapeDataString(value);

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, JsonObject statement) =>
        await client.PutAsync($"/xapi/statements?statementId={id}", Json(statement));

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, JsonNode body) =>
        client.PostAsJsonAsync("/xapi/statements", body);
}
