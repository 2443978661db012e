using System.Text.Json.Nodes;
using Lrs.Application.Activities;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Tests.Statements;

public class GetStatementsTests
{
    private const string MineKey = "account:http://lrs.example.com/credentials client";
    private const string OtherKey = "account:http://lrs.example.com/credentials other";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid TenantId = Guid.NewGuid();

    private readonly CannedReader _reader = new();
    private readonly StatementQueryOptions _options = new() { MaxPageSize = 3, MorePath = "/lrs/xapi/statements" };
    private readonly CannedDefinitions _definitions = new();
    private readonly GetStatementsHandler _handler;

    public GetStatementsTests() => _handler = new GetStatementsHandler(_reader, _definitions, _options, new NoAttachments());

    private static XapiCaller Caller(XapiScope scopes) =>
        new(TenantId, "client", scopes, new JsonObject { ["account"] = new JsonObject { ["homePage"] = "http://lrs.example.com/credentials", ["name"] = "client" } }, MineKey);

    private static StatementQuery Query(params (string Name, string Value)[] parameters)
    {
        var result = StatementQuery.Parse(parameters.ToDictionary(p => p.Name, p => p.Value));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private static StoredStatement Row(int seq, DateTimeOffset? stored = null, string authorityKey = MineKey)
    {
        var id = Guid.CreateVersion7();
        var json = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = new JsonObject { ["mbox"] = "mailto:ann@example.com" },
            ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/completed", ["display"] = new JsonObject { ["en-US"] = "completed" } },
            ["object"] = new JsonObject { ["id"] = "http://example.com/course/1" },
        };
        return new StoredStatement(id, json.ToJsonString(), stored ?? T0.AddSeconds(seq), seq, authorityKey);
    }

    private async Task<StatementsResponse> Ok(XapiScope scopes, StatementQuery query)
    {
        var result = await _handler.HandleAsync(new GetStatements(Caller(scopes), query, []), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    [Theory] // Communication §4.2: reading statements needs a read scope
    [InlineData(XapiScope.StatementsWrite)]
    [InlineData(XapiScope.State | XapiScope.Profile | XapiScope.Define)]
    [InlineData(XapiScope.None)]
    public async Task Handle_NoReadScope_Returns403(XapiScope scopes)
    {
        foreach (var query in new[] { Query(), Query(("statementId", Guid.NewGuid().ToString())) })
        {
            var result = await _handler.HandleAsync(new GetStatements(Caller(scopes), query, []), CancellationToken.None);

            Assert.Equal(403, result.Error!.Status);
        }

        Assert.Equal(0, _reader.Calls);
    }

    [Fact] // Communication §2.1.3: limit 0 means the server's maximum
    public async Task Handle_LimitZero_AsksForMaxPageSize()
    {
        await Ok(XapiScope.StatementsRead, Query(("limit", "0")));

        Assert.Equal(_options.MaxPageSize + 1, _reader.LastFilter!.Limit);
    }

    [Theory] // Communication §2.1.3: the LRS may return fewer than limit; never more than its maximum
    [InlineData("2", 3)]
    [InlineData("3", 4)]
    [InlineData("50", 4)]
    public async Task Handle_Limit_CappedAtMaxPageSize(string limit, int asked)
    {
        await Ok(XapiScope.StatementsRead, Query(("limit", limit)));

        Assert.Equal(asked, _reader.LastFilter!.Limit);
    }

    [Fact] // Communication §2.1.3: an empty result is still a StatementResult with an empty array
    public async Task Handle_NoRows_EmptyStatementsNoMoreNoLastModified()
    {
        var response = await Ok(XapiScope.StatementsRead, Query());

        Assert.Empty(response.Body["statements"]!.AsArray());
        Assert.Equal(string.Empty, response.Body["more"]!.GetValue<string>());
        Assert.Null(response.LastModified);
        Assert.Empty(response.StatementIds);
    }

    [Fact] // Data §2.5: no more link when the page holds every remaining statement
    public async Task Handle_RowsUpToLimit_NoMoreLink()
    {
        _reader.Rows = [Row(1), Row(2)];

        var response = await Ok(XapiScope.StatementsRead, Query(("limit", "2")));

        Assert.Equal(2, response.Body["statements"]!.AsArray().Count);
        Assert.Equal(string.Empty, response.Body["more"]!.GetValue<string>());
        Assert.Equal(_reader.Rows.Select(r => r.Id), response.StatementIds);
    }

    [Fact] // Data §2.5: a more link, relative to the server root, when further statements remain
    public async Task Handle_MoreRowsThanLimit_PageTrimmedAndMoreLinkContinuesAfterLast()
    {
        _reader.Rows = [Row(1), Row(2), Row(3)];

        var response = await Ok(XapiScope.StatementsRead, Query(("verb", "http://adlnet.gov/expapi/verbs/completed"), ("limit", "2")));

        Assert.Equal(2, response.Body["statements"]!.AsArray().Count);
        Assert.Equal(_reader.Rows.Take(2).Select(r => r.Id), response.StatementIds);
        var more = response.Body["more"]!.GetValue<string>();
        Assert.StartsWith(_options.MorePath + "?more=", more, StringComparison.Ordinal);

        var next = StatementQuery.Parse(new Dictionary<string, string> { ["more"] = more[(_options.MorePath.Length + "?more=".Length)..] });
        Assert.True(next.IsSuccess);
        Assert.Equal(new StatementCursor(_reader.Rows[1].Stored, _reader.Rows[1].Seq), next.Value!.After);
        Assert.Equal("http://adlnet.gov/expapi/verbs/completed", next.Value.VerbId);
        Assert.Equal(2, next.Value.Limit);
    }

    [Fact] // Communication §2.1.3: Last-Modified is the newest stored time of the statements returned
    public async Task Handle_Page_LastModifiedIsNewestStoredOfPage()
    {
        _reader.Rows = [Row(1, T0.AddSeconds(5)), Row(2, T0.AddSeconds(9)), Row(3, T0.AddSeconds(1)), Row(4, T0.AddHours(1))];

        var response = await Ok(XapiScope.StatementsRead, Query());

        Assert.Equal(T0.AddSeconds(9), response.LastModified);
    }

    [Fact]
    public async Task Handle_Filters_PassedToReader()
    {
        var registration = Guid.NewGuid();
        var query = Query(
            ("agent", """{"mbox":"mailto:ann@example.com"}"""),
            ("verb", "http://example.com/v"),
            ("activity", "http://example.com/a"),
            ("registration", registration.ToString()),
            ("related_activities", "true"),
            ("related_agents", "true"),
            ("since", "2014-01-01T00:00:00Z"),
            ("until", "2015-01-01T00:00:00Z"),
            ("ascending", "true"));

        await Ok(XapiScope.AllRead, query);

        var filter = _reader.LastFilter!;
        Assert.Equal(TenantId, filter.TenantId);
        Assert.Equal("mbox:mailto:ann@example.com", filter.AgentKey);
        Assert.Equal("http://example.com/v", filter.VerbId);
        Assert.Equal("http://example.com/a", filter.ActivityId);
        Assert.Equal(registration, filter.Registration);
        Assert.True(filter.RelatedActivities);
        Assert.True(filter.RelatedAgents);
        Assert.Equal(query.Since, filter.Since);
        Assert.Equal(query.Until, filter.Until);
        Assert.True(filter.Ascending);
        Assert.Null(filter.AuthorityKey);
        Assert.Null(filter.After);
    }

    [Theory] // Communication §4.2: statements/read, all/read and all read every statement
    [InlineData(XapiScope.StatementsRead)]
    [InlineData(XapiScope.AllRead)]
    [InlineData(XapiScope.All)]
    [InlineData(XapiScope.StatementsRead | XapiScope.StatementsReadMine)]
    public async Task Handle_ReadAllScope_NoAuthorityFilter(XapiScope scopes)
    {
        await Ok(scopes, Query());

        Assert.Null(_reader.LastFilter!.AuthorityKey);
    }

    [Fact] // Communication §4.2: statements/read/mine reads only statements with the caller as authority
    public async Task Handle_ReadMineScope_FiltersByAuthorityKey()
    {
        await Ok(XapiScope.StatementsReadMine, Query());

        Assert.Equal(MineKey, _reader.LastFilter!.AuthorityKey);
    }

    [Fact] // Communication §2.1.3: a single statement by id
    public async Task Handle_StatementId_ReturnsStatementWithStored()
    {
        var row = Row(1);
        _reader.Found = row;

        var response = await Ok(XapiScope.StatementsRead, Query(("statementId", row.Id.ToString())));

        Assert.Equal(row.Id.ToString(), response.Body["id"]!.GetValue<string>());
        Assert.Equal(row.Stored, response.LastModified);
        Assert.Equal([row.Id], response.StatementIds);
        Assert.Equal((row.Id, false), _reader.LastFind);
        Assert.Null(_reader.LastFilter);
    }

    [Fact] // Communication §2.1.4: voidedStatementId looks up a voided statement
    public async Task Handle_VoidedStatementId_LooksUpVoided()
    {
        var row = Row(1);
        _reader.Found = row;

        var response = await Ok(XapiScope.StatementsRead, Query(("voidedStatementId", row.Id.ToString())));

        Assert.Equal((row.Id, true), _reader.LastFind);
        Assert.Equal(row.Id.ToString(), response.Body["id"]!.GetValue<string>());
    }

    [Theory] // Communication §2.1.3: a statement that is not there is 404
    [InlineData("statementId")]
    [InlineData("voidedStatementId")]
    public async Task Handle_IdNotFound_Returns404(string name)
    {
        var result = await _handler.HandleAsync(
            new GetStatements(Caller(XapiScope.All), Query((name, Guid.NewGuid().ToString())), []), CancellationToken.None);

        Assert.Equal(404, result.Error!.Status);
    }

    [Fact] // Communication §4.2: statements/read/mine cannot see another authority's statement by id
    public async Task Handle_ReadMineOthersStatementById_Returns404()
    {
        var row = Row(1, authorityKey: OtherKey);
        _reader.Found = row;

        var result = await _handler.HandleAsync(
            new GetStatements(Caller(XapiScope.StatementsReadMine), Query(("statementId", row.Id.ToString())), []), CancellationToken.None);

        Assert.Equal(404, result.Error!.Status);
    }

    [Fact] // Communication §4.2: statements/read/mine may read its own statement by id
    public async Task Handle_ReadMineOwnStatementById_Returned()
    {
        var row = Row(1);
        _reader.Found = row;

        var response = await Ok(XapiScope.StatementsReadMine, Query(("statementId", row.Id.ToString())));

        Assert.Equal([row.Id], response.StatementIds);
    }

    [Fact] // Communication §2.1.3: format=ids reduces the statement to identifiers
    public async Task Handle_FormatIds_Formatted()
    {
        var row = Row(1);
        _reader.Found = row;

        var response = await Ok(XapiScope.StatementsRead, Query(("statementId", row.Id.ToString()), ("format", "ids")));

        Assert.Null(response.Body["verb"]!["display"]);
    }

    [Fact] // Communication §2.1.3 format=canonical: the LRS's canonical definitions, looked up once per page
    public async Task Handle_CanonicalFormat_UsesCanonicalDefinitionsInOneLookup()
    {
        _reader.Rows = [Row(1), Row(2)];
        _definitions.Definitions["http://example.com/course/1"] = new JsonObject
        {
            ["name"] = new JsonObject { ["en-US"] = "Course", ["fr"] = "Cours" },
        };

        var response = await Ok(XapiScope.StatementsRead, Query(("format", "canonical")));

        Assert.Equal(1, _definitions.Calls);
        Assert.All(response.Body["statements"]!.AsArray(), s =>
            Assert.Equal("{\"name\":{\"en-US\":\"Course\"}}", s!["object"]!["definition"]!.ToJsonString()));
    }

    [Fact] // Communication §2.1.3: exact and ids need no canonical definitions
    public async Task Handle_ExactFormat_DoesNotLookUpDefinitions()
    {
        _reader.Rows = [Row(1)];

        await Ok(XapiScope.StatementsRead, Query(("format", "exact")));
        await Ok(XapiScope.StatementsRead, Query(("format", "ids")));

        Assert.Equal(0, _definitions.Calls);
    }

    private sealed class CannedDefinitions : IActivityReader
    {
        public Dictionary<string, JsonObject> Definitions { get; } = [];

        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<string, JsonObject>> FindDefinitionsAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            Calls++;
            Assert.Equal(TenantId, tenantId);
            return Task.FromResult<IReadOnlyDictionary<string, JsonObject>>(
                Definitions.Where(d => ids.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value));
        }
    }

    private sealed class CannedReader : IStatementReader
    {
        public IReadOnlyList<StoredStatement> Rows { get; set; } = [];

        public StoredStatement? Found { get; set; }

        public StatementFilter? LastFilter { get; private set; }

        public (Guid Id, bool Voided)? LastFind { get; private set; }

        public int Calls { get; private set; }

        public Task<StoredStatement?> FindAsync(Guid tenantId, Guid id, bool voided, CancellationToken ct)
        {
            Calls++;
            Assert.Equal(TenantId, tenantId);
            LastFind = (id, voided);
            return Task.FromResult(Found);
        }

        public Task<IReadOnlyList<StoredStatement>> QueryAsync(StatementFilter filter, CancellationToken ct)
        {
            Calls++;
            LastFilter = filter;
            return Task.FromResult<IReadOnlyList<StoredStatement>>(Rows.Take(filter.Limit).ToList());
        }
    }

    private sealed class NoAttachments : IAttachmentReader
    {
        public Task<IReadOnlyList<AttachmentPayload>> FindAsync(Guid tenantId, IReadOnlyCollection<string> sha2, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AttachmentPayload>>([]);
    }
}
