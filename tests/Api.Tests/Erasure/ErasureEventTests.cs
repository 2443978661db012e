using System.Text.Json.Nodes;
using Lrs.Api.Tests.Events;
using Lrs.Api.Tests.Support;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using MassTransit;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Erasure;

/// <summary>
/// <c>gdpr.erasure.requested.v1</c> over real RabbitMQ on PostgreSQL (overview seed §8): it becomes an erasure request
/// through the same use case as POST /api/v1/erasure-requests, once however often it is delivered.
/// </summary>
[Collection(BrokerConsumersCollection.Name)]
public sealed class ErasureEventTests : IAsyncLifetime
{
    private string _database = string.Empty;
    private EventsFactory _factory = null!;
    private Downstream _upstream = null!;
    private Guid _tenant;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        _factory = new EventsFactory("Postgres", _database);
        _ = _factory.Xapi();
        _upstream = await Downstream.RabbitMqAsync("test-gdpr-" + Guid.NewGuid().ToString("N")[..8]);
        (_tenant, _client) = await _factory.NewTenantAsync();
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _factory.DisposeAsync();
        await TestDatabases.DropPostgresAsync(_database);
    }

    private ErasureRequested Requested(string learnerKey) => new()
    {
        TenantId = _tenant, ErasureId = Guid.NewGuid(), LearnerKey = learnerKey, RequestedBy = "privacy-desk", RequestedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task ErasureRequestedEvent_PublishedTwice_OneRequestThatAnonymisesTheAgent()
    {
        var learner = Learner.New();
        var other = Learner.New();
        var erin = Agent(learner.Mbox);
        await PostAsync(_client, learner.Launched(), learner.Passed(), other.Passed());
        Assert.Equal(2, (await StatementsOfAsync(erin)).Count);

        var message = Requested(learner.Key);
        var messageId = Guid.NewGuid();
        await _upstream.Bus!.Publish(message, c => c.MessageId = messageId);
        await _upstream.Bus!.Publish(message, c => c.MessageId = messageId);

        var id = MessageContracts.DeterministicId("gdpr.erasure.requested.v1", _tenant, messageId);
        var request = await UntilAsync(async () => await GetAsync($"/api/v1/erasure-requests/{id}") is { } r && r["status"]!.GetValue<string>() == "completed" ? r : null,
            "the erasure request to complete");
        Assert.Equal(2, request["counts"]!["statements"]!.GetValue<long>());
        Assert.Equal($"gdpr.erasure.requested.v1 {message.ErasureId:D} by privacy-desk", request["requestedBy"]!.GetValue<string>());

        await Task.Delay(1000); // a second handling of the repeated message would have created a request by now
        var all = (await GetAsync("/api/v1/erasure-requests"))!["requests"]!.AsArray();
        Assert.Equal(id.ToString(), Assert.Single(all)!["id"]!.GetValue<string>());
        Assert.Empty(await StatementsOfAsync(erin));
        var placeholder = new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://erased.invalid", ["name"] = id.ToString() } };
        Assert.Equal(2, (await StatementsOfAsync(placeholder)).Count);
        Assert.Single(await StatementsOfAsync(Agent(other.Mbox)));
    }

    [Fact]
    public async Task ErasureRequestedEvent_InvalidLearnerKey_DeadLetteredWithTheReasonAndNoRequest()
    {
        var notAKey = Guid.NewGuid();
        var badMbox = Guid.NewGuid();
        await _upstream.Bus!.Publish(Requested("ann@example.com"), c => c.MessageId = notAKey);
        await _upstream.Bus!.Publish(Requested("mbox:ann-at-example.com"), c => c.MessageId = badMbox);

        var letters = await UntilAsync(async () => (await GetAsync("/api/v1/dead-letters"))!["items"]!.AsArray() is { Count: 2 } items ? items : null,
            "two dead letters");
        var first = letters.Single(l => l!["messageId"]!.GetValue<string>() == notAKey.ToString())!;
        Assert.Equal("lrs.gdpr.erasure.requested.v1", first["consumer"]!.GetValue<string>());
        Assert.Contains("is not an identifier key", first["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, first["attempts"]!.GetValue<int>());
        var second = letters.Single(l => l!["messageId"]!.GetValue<string>() == badMbox.ToString())!;
        Assert.Contains("is not a valid agent", second["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await GetAsync("/api/v1/erasure-requests"))!["requests"]!.AsArray());
    }

    private async Task<JsonArray> StatementsOfAsync(JsonObject agent) =>
        (await GetResultAsync(_client, "?agent=" + Q(agent.ToJsonString())))["statements"]!.AsArray();

    private async Task<JsonNode?> GetAsync(string path)
    {
        var response = await _client.GetAsync(path);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after 30 s waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
