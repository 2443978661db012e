using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>Request builders for the document resources, with a fresh activity and agent per test.</summary>
public static class Documents
{
    public static string StateUri(string activity, JsonObject agent, string? stateId = null, Guid? registration = null, string? since = null) =>
        "/xapi/activities/state?activityId=" + Q(activity) + "&agent=" + Q(agent.ToJsonString())
        + (registration is null ? string.Empty : "&registration=" + registration)
        + (stateId is null ? string.Empty : "&stateId=" + Q(stateId))
        + (since is null ? string.Empty : "&since=" + Q(since));

    public static string ActivityProfileUri(string activity, string? profileId = null, string? since = null) =>
        "/xapi/activities/profile?activityId=" + Q(activity)
        + (profileId is null ? string.Empty : "&profileId=" + Q(profileId))
        + (since is null ? string.Empty : "&since=" + Q(since));

    public static string AgentProfileUri(JsonObject agent, string? profileId = null, string? since = null) =>
        "/xapi/agents/profile?agent=" + Q(agent.ToJsonString())
        + (profileId is null ? string.Empty : "&profileId=" + Q(profileId))
        + (since is null ? string.Empty : "&since=" + Q(since));

    public static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static ByteArrayContent JsonBody(string json) => Body(Encoding.UTF8.GetBytes(json), "application/json");

    public static ByteArrayContent TextBody(string text) => Body(Encoding.UTF8.GetBytes(text), "text/plain");

    public static Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string uri, HttpContent? content = null, string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string uri, HttpContent content, string? ifMatch = null, string? ifNoneMatch = null) =>
        SendAsync(client, HttpMethod.Put, uri, content, ifMatch, ifNoneMatch);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string uri, HttpContent content, string? ifMatch = null, string? ifNoneMatch = null) =>
        SendAsync(client, HttpMethod.Post, uri, content, ifMatch, ifNoneMatch);

    public static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string uri, string? ifMatch = null) =>
        SendAsync(client, HttpMethod.Delete, uri, null, ifMatch);

    /// <summary>The ETag the spec prescribes: the quoted lowercase hex SHA-1 of the content (Communication §3.1).</summary>
    public static string ETagOf(byte[] content) => "\"" + Convert.ToHexStringLower(SHA1.HashData(content)) + "\"";

    public static string ETagOf(string content) => ETagOf(Encoding.UTF8.GetBytes(content));

    public static string ETag(HttpResponseMessage response) => response.Headers.ETag!.ToString();

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<string[]> GetIdsAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
    }

    public static async Task AssertStatusAsync(System.Net.HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
