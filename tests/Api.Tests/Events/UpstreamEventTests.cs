using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Application.Events.Contracts;
using Lrs.Domain.Tenancy;
using MassTransit;
using CourseApi = Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Events;

/// <summary>
/// Upstream events (seed 000 §5: delivery-service, assessment-service; seed 002: course service) become statements in
/// the ledger; a repeated message id is handled once (inbox); a message that cannot succeed becomes a dead letter that
/// /api/v1/dead-letters lists, replays and discards.
/// </summary>
[Collection(BrokerConsumersCollection.Name)]
public sealed class UpstreamEventTests : IAsyncLifetime
{
    private string _database = string.Empty;
    private EventsFactory _factory = null!;
    private Downstream _upstream = null!;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        _factory = new EventsFactory("Postgres", _database);
        _ = _factory.Xapi();
        _upstream = await Downstream.RabbitMqAsync("test-upstream-" + Guid.NewGuid().ToString("N")[..8]);
        var tenants = await _factory.NewTenantAsync();
        _tenant = tenants.TenantId;
        Client = tenants.Client;
    }

    private HttpClient Client { get; set; } = null!;

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _factory.DisposeAsync();
        await TestDatabases.DropPostgresAsync(_database);
    }

    private Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        _upstream.Bus!.Publish(message, c => c.MessageId = messageId);

    private async Task<JsonArray> StatementsOfAsync(string user, int expected)
    {
        var agent = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = "http://localhost/users", ["name"] = user } };
        JsonArray statements = [];
        await Downstream.UntilAsync(() =>
        {
            var page = Support.Statements.GetResultAsync(Client, "?agent=" + Support.Statements.Q(agent.ToJsonString()) + "&ascending=true").GetAwaiter().GetResult();
            statements = page["statements"]!.AsArray();
            return statements.Count >= expected;
        }, 30, $"{expected} statements of {user}");
        return statements;
    }

    [Fact]
    public async Task UpstreamEvents_DeliveryAssessmentAndCourseService_BecomeStatementsOnce()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        var session = Guid.NewGuid();
        const string course = "http://example.com/courses/safety";
        const string content = "http://example.com/courses/safety/au1";
        var t = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var started = Guid.NewGuid();
        await PublishAsync(new PlaySessionStarted { TenantId = _tenant, SessionId = session, UserId = user, ActivityId = content, CourseId = course, StartedAt = t }, started);
        await PublishAsync(new PlaySessionStarted { TenantId = _tenant, SessionId = session, UserId = user, ActivityId = content, CourseId = course, StartedAt = t }, started);
        await PublishAsync(new PlaySessionNavigated
        {
            TenantId = _tenant, SessionId = session, UserId = user, ActivityId = content, CourseId = course, LessonId = content + "/lesson2", NavigatedAt = t.AddMinutes(1),
        }, Guid.NewGuid());
        await PublishAsync(new AttemptResultScored
        {
            TenantId = _tenant, AttemptId = Guid.NewGuid(), UserId = user, ActivityId = content + "/quiz", CourseId = course, SessionId = session,
            ScoreRaw = 8, ScoreMax = 10, Passed = true, ScoredAt = t.AddMinutes(2),
        }, Guid.NewGuid());
        await PublishAsync(new PlaySessionCompleted
        {
            TenantId = _tenant, SessionId = session, UserId = user, ActivityId = content, CourseId = course, DurationSeconds = 180, CompletedAt = t.AddMinutes(3),
        }, Guid.NewGuid());
        await PublishAsync(new UserEnrolled { TenantId = _tenant, Id = Guid.NewGuid(), CourseId = course, UserId = user, EnrolledAt = t.AddMinutes(-10) }, Guid.NewGuid());
        await PublishAsync(new LessonCompleted
        {
            TenantId = _tenant, UserId = user, CourseId = course, ModuleId = "m1", LessonId = content + "/lesson2", CompletedAt = t.AddMinutes(4),
        }, Guid.NewGuid());

        var statements = await StatementsOfAsync(user, 6);
        await Task.Delay(1500); // a second handling of the repeated message would show up by now
        statements = await StatementsOfAsync(user, 6);
        // Each contract has its own queue, so arrival order varies; the events' own times order them.
        statements = new JsonArray(statements.OrderBy(s => s!["timestamp"]!.GetValue<string>(), StringComparer.Ordinal).Select(s => s!.DeepClone()).ToArray());

        Assert.Equal(
            ["registered", "initialized", "viewed", "passed", "terminated", "completed"],
            statements.Select(s => s!["verb"]!["id"]!.GetValue<string>().Split('/')[^1]));
        var scored = statements[3]!;
        Assert.Equal(0.8, scored["result"]!["score"]!["scaled"]!.GetValue<double>());
        Assert.Equal(session.ToString(), scored["context"]!["registration"]!.GetValue<string>());
        Assert.Equal("PT180S", statements[4]!["result"]!["duration"]!.GetValue<string>());
        Assert.Equal("delivery-service", statements[1]!["authority"]!["account"]!["name"]!.GetValue<string>());
    }

    [Fact] // an event naming a tenant this LRS does not have leaves no statement; it is a dead letter at once
    public async Task UpstreamEvents_UnknownTenant_DeadLetteredWithoutStatements()
    {
        var stranger = Guid.NewGuid();
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        var started = Guid.NewGuid();
        var erasure = Guid.NewGuid();
        await PublishAsync(new PlaySessionStarted
        {
            TenantId = stranger, SessionId = Guid.NewGuid(), UserId = user, ActivityId = "http://example.com/au", StartedAt = DateTimeOffset.UtcNow,
        }, started);
        await PublishAsync(new ErasureRequested { TenantId = stranger, ErasureId = Guid.NewGuid(), LearnerKey = "mbox:mailto:someone@example.com", RequestedAt = DateTimeOffset.UtcNow }, erasure);

        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using (var scope = new Npgsql.NpgsqlCommand("SELECT set_config('lrs.tenant_id', @tenant, false)", connection))
        {
            scope.Parameters.AddWithValue("tenant", stranger.ToString()); // row-level security shows only the tenant's rows
            await scope.ExecuteNonQueryAsync();
        }

        async Task<long> CountAsync(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("tenant", stranger);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        const string letters = "SELECT count(*) FROM dead_letters WHERE tenant_id = @tenant AND attempts = 1 AND error LIKE '%is not known to this LRS%'";
        await Downstream.UntilAsync(() => CountAsync(letters).GetAwaiter().GetResult() == 2, 30, "two dead letters for the unknown tenant");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM statements WHERE tenant_id = @tenant"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM erasure_requests WHERE tenant_id = @tenant"));
    }

    [Fact] // seed 002: course-service CourseUpdated renames a course the LRS knows; a course it does not know is left alone
    public async Task CourseUpdated_KnownCourse_RenamedStructureKept_UnknownIgnored()
    {
        var id = CourseApi.NewId();
        await CourseApi.ReadJsonAsync(await CourseApi.PutAsync(Client, id, CourseApi.Sample("Old title")), HttpStatusCode.Created);
        var before = await CourseApi.ReadJsonAsync(await Client.GetAsync(CourseApi.Uri(id)), HttpStatusCode.OK);
        var unknown = CourseApi.NewId();

        await PublishAsync(new CourseUpdated { TenantId = _tenant, Id = unknown, Title = "Nobody's", UpdatedAt = DateTimeOffset.UtcNow }, Guid.NewGuid());
        await PublishAsync(new CourseUpdated { TenantId = _tenant, Id = id, Title = "New title", UpdatedAt = DateTimeOffset.UtcNow }, Guid.NewGuid());

        JsonNode after = before;
        await Downstream.UntilAsync(() =>
        {
            after = CourseApi.ReadJsonAsync(Client.GetAsync(CourseApi.Uri(id)).GetAwaiter().GetResult(), HttpStatusCode.OK).GetAwaiter().GetResult();
            return (string?)after["title"] == "New title";
        }, 30, "the course's new title");
        after["title"] = "Old title";
        Assert.True(JsonNode.DeepEquals(before, after)); // only the title changed
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(CourseApi.Uri(unknown))).StatusCode);
        await Task.Delay(1000); // a failure of the unknown course's message would be a dead letter by now
        Assert.Empty((await Get("/api/v1/dead-letters"))["items"]!.AsArray());
    }

    [Fact]
    public async Task DeadLetters_InvalidUpstreamEvent_ListedReplayedAndDiscarded()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        var bad = new PlaySessionStarted { TenantId = _tenant, SessionId = Guid.NewGuid(), UserId = user, ActivityId = "not an IRI", StartedAt = DateTimeOffset.UtcNow };
        var messageId = Guid.NewGuid();
        await PublishAsync(bad, messageId);
        await PublishAsync(bad with { UserId = user + "-2" }, Guid.NewGuid());

        JsonArray items = [];
        await Downstream.UntilAsync(() =>
        {
            items = Get("/api/v1/dead-letters").GetAwaiter().GetResult()["items"]!.AsArray();
            return items.Count >= 2;
        }, 30, "two dead letters");

        var first = await Get("/api/v1/dead-letters?limit=1");
        Assert.Single(first["items"]!.AsArray());
        var next = first["next"]!.GetValue<string>();
        var second = await Get(next);
        Assert.Single(second["items"]!.AsArray());
        Assert.NotEqual(first["items"]![0]!["id"]!.GetValue<string>(), second["items"]![0]!["id"]!.GetValue<string>());

        var letter = items.Single(i => i!["messageId"]!.GetValue<string>() == messageId.ToString())!;
        var id = letter["id"]!.GetValue<string>();
        Assert.Equal("delivery.play_session.started.v1", letter["messageType"]!.GetValue<string>());
        Assert.Equal("lrs.delivery.play_session.started.v1", letter["consumer"]!.GetValue<string>());
        Assert.Contains("object", letter["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(user, (await Get($"/api/v1/dead-letters/{id}"))["payload"]!["userId"]!.GetValue<string>());

        // Replay: the message goes back to its consumer, fails again and comes back as a new dead letter.
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/v1/dead-letters/{id}/replay", null)).StatusCode);
        await Downstream.UntilAsync(() =>
        {
            var now = Get("/api/v1/dead-letters").GetAwaiter().GetResult()["items"]!.AsArray();
            return now.Any(i => i!["messageId"]!.GetValue<string>() == messageId.ToString() && i["id"]!.GetValue<string>() != id);
        }, 30, "the replayed message to fail again");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/dead-letters/{id}")).StatusCode);

        var again = (await Get("/api/v1/dead-letters"))["items"]!.AsArray().First(i => i!["messageId"]!.GetValue<string>() == messageId.ToString())!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/dead-letters/{again}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/v1/dead-letters/{again}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/v1/dead-letters/not-a-uuid")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/v1/dead-letters?cursor=zzz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/v1/dead-letters?limit=0")).StatusCode);

        // Admin only; and another tenant sees none of them.
        var reader = await _factory.CredentialAsync(XapiScope.AllRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/dead-letters")).StatusCode);
        Assert.Empty((await Get("/api/v1/dead-letters", _factory.Xapi()))["items"]!.AsArray());
    }

    private async Task<JsonObject> Get(string path, HttpClient? client = null)
    {
        var response = await (client ?? Client).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
