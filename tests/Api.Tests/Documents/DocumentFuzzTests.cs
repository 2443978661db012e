using System.Net.Http.Headers;
using System.Text;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>
/// Thousands of random document requests — mutated parameters, contents, content types and preconditions
/// against the three document resources: every answer is 2xx, 4xx, never 5xx (Communication §3.2).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentFuzzTests(PostgresLrsFactory lrs)
{
    private const int Iterations = 2000;

    private static readonly string[] Agents =
    [
        """{"mbox":"mailto:fuzz@example.com"}""", """{"objectType":"Agent","account":{"homePage":"http://example.com","name":"f"}}""",
        """{"objectType":"Group","mbox":"mailto:g@example.com"}""", """{"mbox":"fuzz@example.com"}""", """{"mbox":null}""", "{}", "[]",
        "not json", """{"mbox":"mailto:a@example.com","openid":"http://example.com/o"}""", "\"mailto:x@example.com\"", "",
    ];

    private static readonly string[] Activities = ["http://example.com/fuzz", "urn:x:y", "no-scheme", "", "http://example.com/" + new string('a', 3000)];

    private static readonly string[] Ids = ["state", "", "a/b?c", "\u00e9t\u00e9", new string('x', 2000)];

    private static readonly string?[] Registrations = [null, "6690e6c9-3ef0-4ed3-8b37-7f3964730bee", "nope", ""];

    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/octet-stream", "application/json; charset=utf-8", "image/png", "bogus"];

    private static readonly string[] Contents = ["""{"a":1}""", """{"b":[1,2,{"c":null}]}""", "[1,2]", "\"text\"", "{", "null", "", "\u0000\u0001", "{\"a\":1,\"a\":2}"];

    private static readonly string?[] Preconditions = [null, "*", "\"0000\"", "garbage", "W/\"x\""];

    [Fact]
    public async Task DocumentRequests_RandomMutations_NeverAnswer5xx()
    {
        var client = lrs.Xapi();
        var random = new Random(1122);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var uri = Uri(random);
            var method = Pick(random, [HttpMethod.Get, HttpMethod.Put, HttpMethod.Post, HttpMethod.Delete, HttpMethod.Head]);
            using var request = new HttpRequestMessage(method, uri);
            if (method == HttpMethod.Put || method == HttpMethod.Post)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Pick(random, Contents)));
                if (MediaTypeHeaderValue.TryParse(Pick(random, ContentTypes), out var type))
                {
                    request.Content.Headers.ContentType = type;
                }
            }

            if (Pick(random, Preconditions) is { } tag)
            {
                request.Headers.TryAddWithoutValidation(random.Next(2) == 0 ? "If-Match" : "If-None-Match", tag);
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"Request {i} {method} {uri} got {status}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300), string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(400) > 0, string.Join(", ", statuses));
    }

    private static string Uri(Random random)
    {
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null && random.Next(8) != 0)
            {
                parameters.Add(name + "=" + Q(value));
            }
        }

        var resource = random.Next(3);
        switch (resource)
        {
            case 0:
                Add("activityId", Pick(random, Activities));
                Add("agent", Pick(random, Agents));
                Add("stateId", Pick(random, Ids));
                Add("registration", Pick(random, Registrations));
                break;
            case 1:
                Add("activityId", Pick(random, Activities));
                Add("profileId", Pick(random, Ids));
                break;
            default:
                Add("agent", Pick(random, Agents));
                Add("profileId", Pick(random, Ids));
                break;
        }

        if (random.Next(10) == 0)
        {
            parameters.Add(random.Next(2) == 0 ? "since=" + Q("2026-01-01T00:00:00Z") : "Since=yesterday");
        }

        var path = resource switch { 0 => "/xapi/activities/state", 1 => "/xapi/activities/profile", _ => "/xapi/agents/profile" };
        return path + (parameters.Count == 0 ? string.Empty : "?" + string.Join("&", parameters.OrderBy(_ => random.Next())));
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
