using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;

namespace Lrs.Api.Tests.Statements;

/// <summary>
/// Thousands of mutated statements: the LRS answers each with 2xx or 4xx, never 5xx (Communication §3.2),
/// and whatever it acknowledged can be read back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StatementFuzzTests(PostgresLrsFactory lrs)
{
    private const int Iterations = 2500;

    private static readonly string[] Seeds =
    [
        """{"actor":{"objectType":"Agent","name":"Ann","mbox":"mailto:ann@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},"object":{"objectType":"Activity","id":"http://example.com/q1","definition":{"name":{"en-US":"Q1"},"type":"http://adlnet.gov/expapi/activities/cmi.interaction","interactionType":"choice","correctResponsesPattern":["a"],"choices":[{"id":"a","description":{"en-US":"A"}},{"id":"b","description":{"en-US":"B"}}]}},"result":{"score":{"scaled":0.5,"raw":5,"min":0,"max":10},"success":true,"completion":true,"response":"a","duration":"PT1M30S","extensions":{"http://example.com/x":{"k":[1,null]}}},"context":{"registration":"6690e6c9-3ef0-4ed3-8b37-7f3964730bee","instructor":{"account":{"homePage":"http://example.com","name":"teacher"}},"contextActivities":{"parent":[{"id":"http://example.com/course"}],"category":{"id":"http://example.com/cat"}},"language":"en-US","platform":"web","extensions":{"http://example.com/ctx":1}},"timestamp":"2026-01-02T03:04:05.678Z"}""",
        """{"actor":{"objectType":"Group","name":"Team","member":[{"mbox_sha1sum":"ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},{"openid":"http://example.com/openid/bob"}]},"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},"object":{"objectType":"SubStatement","actor":{"mbox":"mailto:c@example.com"},"verb":{"id":"http://example.com/verbs/planned"},"object":{"id":"http://example.com/meeting"}}}""",
        """{"actor":{"mbox":"mailto:d@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},"object":{"objectType":"StatementRef","id":"e05aa883-acaf-40ad-bf54-02c8ce485fb0"}}""",
        """{"actor":{"mbox":"mailto:e@example.com"},"verb":{"id":"http://example.com/verbs/met"},"object":{"objectType":"Agent","mbox":"mailto:f@example.com"},"attachments":[{"usageType":"http://example.com/usage","display":{"en-US":"file"},"contentType":"text/plain","length":4,"sha2":"88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589","fileUrl":"http://example.com/file.txt"}]}""",
    ];

    private static readonly JsonNode?[] Replacements =
    [
        null, "", " ", "x", "mailto:", "http://", "not a uri", "00000000-0000-0000-0000-000000000000", "2026-13-45T99:99:99Z",
        "PT", "P1Y2M3DT4H5M6.7S", "\u0000", "\ud83d\ude00", new string('a', 5000), 0, -1, 1.5, 1e300, long.MaxValue, true, false,
        new JsonObject(), new JsonArray(), new JsonObject { ["en-US"] = 1 }, new JsonObject { ["objectType"] = "Group" },
        new JsonArray(1, "a", null), new JsonObject { ["mbox"] = "mailto:x@example.com", ["openid"] = "http://example.com/o" },
    ];

    [Fact]
    public async Task PostStatements_ThousandsOfMutations_NeverAnswer5xx()
    {
        var client = lrs.Xapi();
        var random = new Random(20261122);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(random);
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = i % 5 == 0
                ? await client.PutAsync($"/xapi/statements?statementId={Guid.NewGuid()}", content)
                : await client.PostAsync("/xapi/statements", content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"Mutation {i} got {status}: {body[..Math.Min(body.Length, 400)]}\n{await response.Content.ReadAsStringAsync()}");
            if (status == 200 && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonArray ids && ids.Count > 0)
            {
                var id = ids[0]!.GetValue<string>();
                var read = await client.GetAsync($"/xapi/statements?statementId={id}");
                var readVoided = read.StatusCode == HttpStatusCode.NotFound ? await client.GetAsync($"/xapi/statements?voidedStatementId={id}") : read;
                Assert.Equal(HttpStatusCode.OK, readVoided.StatusCode);
            }
        }

        // Both outcomes must have been exercised, or the mutations prove nothing.
        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300), string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(400) > Iterations / 2, string.Join(", ", statuses));
    }

    private static string Mutate(Random random)
    {
        var node = JsonNode.Parse(Seeds[random.Next(Seeds.Length)])!;
        var steps = random.Next(0, 4);
        for (var s = 0; s < steps; s++)
        {
            MutateTree(node, random);
        }

        var text = random.Next(4) == 0 ? new JsonArray(node, JsonNode.Parse(Seeds[0])).ToJsonString() : node.ToJsonString();
        return random.Next(6) == 0 ? MutateText(text, random) : text;
    }

    private static void MutateTree(JsonNode root, Random random)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0)
        {
            return;
        }

        var (parent, key, index) = slots[random.Next(slots.Count)];
        var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        switch (random.Next(3))
        {
            case 0 when parent is JsonObject o && key is not null:
                o.Remove(key);
                break;
            case 1 when parent is JsonObject o && key is not null:
                var value = o[key]?.DeepClone();
                o.Remove(key);
                o[random.Next(2) == 0 ? key.ToUpperInvariant() : key + "x"] = value;
                break;
            default:
                if (parent is JsonObject obj && key is not null)
                {
                    obj[key] = replacement;
                }
                else if (parent is JsonArray array)
                {
                    array[index] = replacement;
                }

                break;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                slots.Add((o, key, -1));
                if (child is not null)
                {
                    Collect(child, slots);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, null, i));
                if (a[i] is { } child)
                {
                    Collect(child, slots);
                }
            }
        }
    }

    private static string MutateText(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var position = random.Next(builder.Length);
        switch (random.Next(3))
        {
            case 0:
                builder.Remove(position, Math.Min(random.Next(1, 5), builder.Length - position));
                break;
            case 1:
                const string syntax = "{[\",:}]\\";
                builder.Insert(position, syntax[random.Next(syntax.Length)]);
                break;
            default:
                builder.Length = position;
                break;
        }

        return builder.ToString();
    }
}
