using System.Text.Json.Nodes;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Tests.Statements;

public class RecordStatementsTests
{
    private const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);
    private static readonly Guid TenantId = Guid.NewGuid();

    private static readonly XapiCaller Caller = new(
        TenantId,
        "client",
        XapiScope.StatementsWrite,
        new JsonObject
        {
            ["objectType"] = "Agent",
            ["name"] = "Client",
            ["account"] = new JsonObject { ["homePage"] = "http://lrs.example.com/credentials", ["name"] = "client" },
        },
        "account:http://lrs.example.com/credentials client");

    private readonly RecordingIngest _ingest = new();
    private readonly RecordStatementsHandler _handler;

    public RecordStatementsTests() => _handler = new RecordStatementsHandler(_ingest, new StoredClock(new ManualTime(T0)));

    private static JsonObject Statement(string? id = null, string verb = "http://adlnet.gov/expapi/verbs/completed", JsonObject? obj = null)
    {
        var statement = new JsonObject
        {
            ["actor"] = new JsonObject { ["mbox"] = "mailto:ann@example.com" },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = obj ?? new JsonObject { ["id"] = "http://example.com/course/1" },
        };
        if (id is not null)
        {
            statement["id"] = id;
        }

        return statement;
    }

    private static JsonObject Voiding(string id, Guid target) =>
        Statement(id, VoidedVerb, new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() });

    private Task<Lrs.Application.Common.XapiResult<IReadOnlyList<Guid>>> Post(params JsonNode[] statements) =>
        _handler.HandleAsync(new RecordStatements(Caller, new JsonArray(statements)), CancellationToken.None);

    private static JsonObject Stored(PreparedStatement statement) => JsonNode.Parse(statement.Json)!.AsObject();

    [Fact] // Communication §2.1.2: the LRS assigns ids to statements that have none (Data §2.4.1: UUID)
    public async Task Post_NoIds_AssignsVersion7Ids()
    {
        var result = await Post(Statement(), Statement());

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Value!.Count);
        Assert.All(result.Value, id => Assert.Equal(7, id.Version));
        Assert.NotEqual(result.Value[0], result.Value[1]);
        Assert.Equal(result.Value, _ingest.Received.Select(s => s.Id));
        Assert.Equal(result.Value[0].ToString(), Stored(_ingest.Received[0])["id"]!.GetValue<string>());
        Assert.Equal(TenantId, _ingest.TenantId);
    }

    [Fact] // Communication §2.1.2: ids given by the client are kept, in request order
    public async Task Post_IdsGiven_Kept()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var result = await Post(Statement(a.ToString()), Statement(), Statement(b.ToString().ToUpperInvariant()));

        Assert.True(result.IsSuccess);
        Assert.Equal(a, result.Value![0]);
        Assert.Equal(b, result.Value[2]);
        Assert.Equal(b.ToString(), Stored(_ingest.Received[2])["id"]!.GetValue<string>());
    }

    [Fact] // Communication §2.1.1: PUT stores the statement under the statementId parameter
    public async Task Put_NoIdInBody_UsesParameter()
    {
        var id = Guid.NewGuid();

        var result = await _handler.HandleAsync(new RecordStatements(Caller, Statement(), id), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal([id], result.Value);
        Assert.Equal(id, Assert.Single(_ingest.Received).Id);
    }

    [Fact] // Communication §2.1.1: PUT with a matching id in the body is accepted
    public async Task Put_SameIdInBody_Accepted()
    {
        var id = Guid.NewGuid();

        var result = await _handler.HandleAsync(new RecordStatements(Caller, Statement(id.ToString()), id), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal([id], result.Value);
    }

    [Fact] // Communication §2.1.1: the statement id must match the statementId parameter
    public async Task Put_IdMismatch_Returns400()
    {
        var result = await _handler.HandleAsync(
            new RecordStatements(Caller, Statement(Guid.NewGuid().ToString()), Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(400, result.Error!.Status);
        Assert.Empty(_ingest.Received);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact] // Communication §2.1.1: PUT takes one statement, not a batch
    public async Task Put_ArrayBody_Returns400()
    {
        var result = await _handler.HandleAsync(new RecordStatements(Caller, new JsonArray(Statement()), Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(400, result.Error!.Status);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact] // Communication §2.1.2: a batch with the same id twice is rejected and nothing is stored
    public async Task Post_DuplicateIds_Returns400NothingIngested()
    {
        var id = Guid.NewGuid().ToString();

        var result = await Post(Statement(id), Statement(), Statement(id.ToUpperInvariant()));

        Assert.Equal(400, result.Error!.Status);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact] // Data §2.3.2: a voiding statement cannot be voided, even within the same batch
    public async Task Post_VoidingAVoidingStatementInBatch_Returns400()
    {
        var target = Guid.NewGuid();
        var voiding = Guid.NewGuid();

        var result = await Post(Voiding(voiding.ToString(), target), Voiding(Guid.NewGuid().ToString(), voiding));

        Assert.Equal(400, result.Error!.Status);
        Assert.Contains(voiding.ToString(), result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact] // Data §2.3.2: voiding an ordinary statement of the same batch is allowed
    public async Task Post_VoidingAnOrdinaryStatementInBatch_Accepted()
    {
        var target = Guid.NewGuid();

        var result = await Post(Statement(target.ToString()), Voiding(Guid.NewGuid().ToString(), target));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, _ingest.Received.Count);
    }

    [Fact] // Data §2.4.9: the LRS sets authority to the credential's agent, whatever the client sent
    public async Task Post_AuthorityGiven_OverwrittenWithCallers()
    {
        var statement = Statement();
        statement["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:forger@example.com" };

        await Post(statement);

        var prepared = Assert.Single(_ingest.Received);
        Assert.True(JsonNode.DeepEquals(Caller.Authority, Stored(prepared)["authority"]));
        Assert.Equal(Caller.AuthorityKey, prepared.AuthorityKey);
    }

    [Fact] // Data §2.4.8: stored is set by the LRS; a client's value is replaced
    public async Task Post_StoredGiven_ReplacedWithReservedTime()
    {
        var statement = Statement();
        statement["stored"] = "2001-01-01T00:00:00Z";

        await Post(statement, Statement());

        Assert.All(_ingest.Received, p =>
        {
            Assert.Equal(T0, p.Stored);
            Assert.Equal("2025-03-01T12:00:00.123Z", Stored(p)["stored"]!.GetValue<string>());
        });
    }

    [Fact] // Data §2.4.7: a missing timestamp is set to stored
    public async Task Post_NoTimestamp_DefaultsToStoredAndMarkedAssigned()
    {
        await Post(Statement());

        var prepared = Assert.Single(_ingest.Received);
        Assert.Equal("2025-03-01T12:00:00.123Z", Stored(prepared)["timestamp"]!.GetValue<string>());
        Assert.True(prepared.TimestampAssigned);
    }

    [Fact] // Data §2.4.7: a timestamp given by the client is kept
    public async Task Post_TimestampGiven_KeptAndNotMarkedAssigned()
    {
        var statement = Statement();
        statement["timestamp"] = "2013-05-18T05:32:34.804+02:00";

        await Post(statement);

        var prepared = Assert.Single(_ingest.Received);
        Assert.Equal("2013-05-18T05:32:34.804+02:00", Stored(prepared)["timestamp"]!.GetValue<string>());
        Assert.False(prepared.TimestampAssigned);
    }

    [Fact] // Data §2.4.10: a missing version is set to 1.0.0
    public async Task Post_NoVersion_Defaults100()
    {
        await Post(Statement());

        Assert.Equal("1.0.0", Stored(Assert.Single(_ingest.Received))["version"]!.GetValue<string>());
    }

    [Fact] // Data §2.4.10: a version given by the client is kept
    public async Task Post_VersionGiven_Kept()
    {
        var statement = Statement();
        statement["version"] = "1.0.3";

        await Post(statement);

        Assert.Equal("1.0.3", Stored(Assert.Single(_ingest.Received))["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_Prepared_IdFirstAndIndexExtracted()
    {
        await Post(Statement());

        var prepared = Assert.Single(_ingest.Received);
        Assert.Equal("id", Stored(prepared).First().Key);
        Assert.Equal("http://adlnet.gov/expapi/verbs/completed", prepared.Index.VerbId);
    }

    [Theory] // Communication §2.1.1, §2.1.2, §3.2: ingest outcomes map to the prescribed statuses
    [InlineData(IngestOutcome.Conflict, 409)]
    [InlineData(IngestOutcome.Busy, 503)]
    [InlineData(IngestOutcome.Invalid, 400)]
    public async Task Post_IngestRefuses_MapsToStatus(IngestOutcome outcome, int status)
    {
        _ingest.Result = new IngestResult(outcome, "because");

        var result = await Post(Statement());

        Assert.Equal(status, result.Error!.Status);
        Assert.Equal("because", result.Error.Message);
    }

    [Theory]
    [InlineData(IngestOutcome.Conflict, 409)]
    [InlineData(IngestOutcome.Busy, 503)]
    [InlineData(IngestOutcome.Invalid, 400)]
    public async Task Post_IngestRefusesWithoutMessage_DefaultMessage(IngestOutcome outcome, int status)
    {
        _ingest.Result = new IngestResult(outcome);

        var result = await Post(Statement());

        Assert.Equal(status, result.Error!.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Fact] // Data §2.4.2.3: an invalid mbox is rejected; the message names the property
    public async Task Put_InvalidStatement_Returns400NamingPath()
    {
        var statement = Statement();
        statement["actor"]!["mbox"] = "ann@example.com";

        var result = await _handler.HandleAsync(new RecordStatements(Caller, statement, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(400, result.Error!.Status);
        Assert.Contains("statement.actor.mbox", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact] // Data §2.4: verb is required; batch paths name the statement's index
    public async Task Post_InvalidStatementInBatch_Returns400NamingIndexedPath()
    {
        var bad = Statement();
        bad.Remove("verb");

        var result = await Post(Statement(), bad);

        Assert.Equal(400, result.Error!.Status);
        Assert.Contains("statements[1]", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("verb", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact]
    public async Task Post_ManyErrors_FirstFiveShownAndRestCounted()
    {
        var statements = Enumerable.Range(0, 7).Select(_ => (JsonNode)new JsonObject()).ToArray();

        var result = await Post(statements);

        Assert.Equal(400, result.Error!.Status);
        Assert.Contains("more)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact] // Communication §2.1.2: the body is a statement or an array of statements
    public async Task Post_BodyNotStatements_Returns400()
    {
        var result = await _handler.HandleAsync(new RecordStatements(Caller, JsonValue.Create("x")), CancellationToken.None);

        Assert.Equal(400, result.Error!.Status);
        Assert.Equal(0, _ingest.Calls);
    }

    [Fact]
    public async Task Post_SingleObject_TreatedAsBatchOfOne()
    {
        var result = await _handler.HandleAsync(new RecordStatements(Caller, Statement()), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Single(result.Value!);
        Assert.Single(_ingest.Received);
    }

    private sealed class RecordingIngest : IStatementIngest
    {
        public IngestResult Result { get; set; } = IngestResult.Stored;

        public List<PreparedStatement> Received { get; } = [];

        public Guid? TenantId { get; private set; }

        public int Calls { get; private set; }

        public ValueTask<IngestResult> WriteAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
        {
            Calls++;
            TenantId = tenantId;
            Received.AddRange(statements);
            return ValueTask.FromResult(Result);
        }
    }
}
