using System.Buffers.Text;
using System.Text;
using Lrs.Application.Statements;

namespace Lrs.Application.Tests.Statements;

// Communication §2.1.3 GET Statements: the query parameters and their requirements.
public class StatementQueryTests
{
    private const string Id = "fd41c918-b88b-4b20-a0a5-a4c32391aaa0";

    private static Lrs.Application.Common.XapiResult<StatementQuery> Parse(params (string Name, string Value)[] parameters) =>
        StatementQuery.Parse(parameters.ToDictionary(p => p.Name, p => p.Value));

    private static StatementQuery Valid(params (string Name, string Value)[] parameters)
    {
        var result = Parse(parameters);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private static string BadRequest(params (string Name, string Value)[] parameters)
    {
        var result = Parse(parameters);
        Assert.False(result.IsSuccess);
        Assert.Equal(400, result.Error!.Status);
        return result.Error.Message;
    }

    [Fact]
    public void Parse_NoParameters_Defaults()
    {
        var query = Valid();

        Assert.Null(query.StatementId);
        Assert.Null(query.VoidedStatementId);
        Assert.Null(query.AgentKey);
        Assert.Null(query.VerbId);
        Assert.Null(query.ActivityId);
        Assert.Null(query.Registration);
        Assert.False(query.RelatedActivities);
        Assert.False(query.RelatedAgents);
        Assert.Null(query.Since);
        Assert.Null(query.Until);
        Assert.Equal(0, query.Limit);
        Assert.Equal(StatementFormat.Exact, query.Format);
        Assert.False(query.Attachments);
        Assert.False(query.Ascending);
        Assert.Null(query.After);
        Assert.Empty(query.Parameters);
    }

    [Fact]
    public void Parse_StatementId_Parsed() => Assert.Equal(Guid.Parse(Id), Valid(("statementId", Id)).StatementId);

    [Fact]
    public void Parse_VoidedStatementId_Parsed() =>
        Assert.Equal(Guid.Parse(Id), Valid(("voidedStatementId", Id.ToUpperInvariant())).VoidedStatementId);

    [Theory]
    [InlineData("statementId")]
    [InlineData("voidedStatementId")]
    [InlineData("registration")]
    public void Parse_UuidParameterNotUuid_400NamingIt(string name)
    {
        foreach (var bad in new[] { "x", "", "{" + Id + "}", Id.Replace("-", "", StringComparison.Ordinal), Id + " " })
        {
            Assert.Contains($"'{name}'", BadRequest((name, bad)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_Agent_ResolvedToIdentityKey() =>
        Assert.Equal("mbox:mailto:ann@example.com", Valid(("agent", """{"mbox":"mailto:ann@EXAMPLE.com"}""")).AgentKey);

    [Fact]
    public void Parse_AgentAccount_ResolvedToIdentityKey() =>
        Assert.Equal(
            "account:http://example.com ann",
            Valid(("agent", """{"objectType":"Agent","account":{"homePage":"http://example.com","name":"ann"}}""")).AgentKey);

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"name":"Ann"}""")]
    [InlineData("""{"mbox":"ann@example.com"}""")]
    [InlineData("""{"mbox":"mailto:ann@example.com","openid":"http://example.com/ann"}""")]
    [InlineData("[]")]
    public void Parse_AgentInvalid_400(string agent) => Assert.Contains("'agent'", BadRequest(("agent", agent)), StringComparison.Ordinal);

    [Theory]
    [InlineData("verb")]
    [InlineData("activity")]
    public void Parse_IriParameter_Kept(string name)
    {
        var query = Valid((name, "http://example.com/x"));

        Assert.Equal("http://example.com/x", name == "verb" ? query.VerbId : query.ActivityId);
    }

    [Theory]
    [InlineData("verb")]
    [InlineData("activity")]
    public void Parse_IriParameterWithoutScheme_400(string name) =>
        Assert.Contains($"'{name}'", BadRequest((name, "example.com/x")), StringComparison.Ordinal);

    [Fact]
    public void Parse_Registration_Parsed() => Assert.Equal(Guid.Parse(Id), Valid(("registration", Id)).Registration);

    [Theory]
    [InlineData("related_activities")]
    [InlineData("related_agents")]
    [InlineData("attachments")]
    [InlineData("ascending")]
    public void Parse_BooleanParameter_TrueOrFalseOnly(string name)
    {
        Func<StatementQuery, bool> read = name switch
        {
            "related_activities" => q => q.RelatedActivities,
            "related_agents" => q => q.RelatedAgents,
            "attachments" => q => q.Attachments,
            _ => q => q.Ascending,
        };

        Assert.True(read(Valid((name, "true"))));
        Assert.False(read(Valid((name, "false"))));
        foreach (var bad in new[] { "True", "1", "yes", "" })
        {
            Assert.Contains($"'{name}'", BadRequest((name, bad)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_SinceAndUntil_Parsed()
    {
        var query = Valid(("since", "2013-05-18T05:32:34.804+02:00"), ("until", "2014-01-01T00:00:00Z"));

        Assert.Equal(new DateTimeOffset(2013, 5, 18, 3, 32, 34, 804, TimeSpan.Zero), query.Since);
        Assert.Equal(new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero), query.Until);
    }

    [Theory]
    [InlineData("since")]
    [InlineData("until")]
    public void Parse_TimestampInvalid_400(string name)
    {
        foreach (var bad in new[] { "yesterday", "2013-13-01T00:00:00Z", "" })
        {
            Assert.Contains($"'{name}'", BadRequest((name, bad)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("250", 250)]
    [InlineData("100000", 100000)]
    public void Parse_Limit_NonNegativeInteger(string text, int expected) => Assert.Equal(expected, Valid(("limit", text)).Limit);

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("ten")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void Parse_LimitInvalid_400(string text) => Assert.Contains("'limit'", BadRequest(("limit", text)), StringComparison.Ordinal);

    [Theory]
    [InlineData("ids", StatementFormat.Ids)]
    [InlineData("exact", StatementFormat.Exact)]
    [InlineData("canonical", StatementFormat.Canonical)]
    public void Parse_Format_Parsed(string text, StatementFormat expected) => Assert.Equal(expected, Valid(("format", text)).Format);

    [Theory]
    [InlineData("IDS")]
    [InlineData("Exact")]
    [InlineData("full")]
    [InlineData("")]
    public void Parse_FormatInvalid_400(string text) => Assert.Contains("'format'", BadRequest(("format", text)), StringComparison.Ordinal);

    [Fact]
    public void Parse_SeveralInvalid_AllReported()
    {
        var message = BadRequest(("limit", "x"), ("since", "x"), ("verb", "x"));

        Assert.Contains("'limit'", message, StringComparison.Ordinal);
        Assert.Contains("'since'", message, StringComparison.Ordinal);
        Assert.Contains("'verb'", message, StringComparison.Ordinal);
    }

    [Theory] // Communication §3.2: unknown parameters, and known ones in the wrong case, are rejected
    [InlineData("foo")]
    [InlineData("StatementId")]
    [InlineData("statementid")]
    [InlineData("Limit")]
    [InlineData("relatedActivities")]
    [InlineData("attachment")]
    [InlineData("More")]
    public void Parse_UnknownOrMisCasedName_400NamingIt(string name) =>
        Assert.Contains($"'{name}'", BadRequest((name, "true")), StringComparison.Ordinal);

    [Fact] // Communication §2.1.3: statementId and voidedStatementId together are rejected
    public void Parse_StatementIdAndVoidedStatementId_400() => BadRequest(("statementId", Id), ("voidedStatementId", Id));

    [Theory] // Communication §2.1.3: with statementId or voidedStatementId only attachments and format are allowed
    [InlineData("statementId", "agent", """{"mbox":"mailto:ann@example.com"}""")]
    [InlineData("statementId", "verb", "http://example.com/v")]
    [InlineData("statementId", "activity", "http://example.com/a")]
    [InlineData("statementId", "registration", Id)]
    [InlineData("statementId", "related_activities", "false")]
    [InlineData("statementId", "related_agents", "false")]
    [InlineData("statementId", "since", "2014-01-01T00:00:00Z")]
    [InlineData("statementId", "until", "2014-01-01T00:00:00Z")]
    [InlineData("statementId", "limit", "10")]
    [InlineData("statementId", "ascending", "true")]
    [InlineData("voidedStatementId", "limit", "10")]
    [InlineData("voidedStatementId", "since", "2014-01-01T00:00:00Z")]
    public void Parse_IdWithOtherParameter_400NamingIt(string idName, string other, string value) =>
        Assert.Contains($"'{other}'", BadRequest((idName, Id), (other, value)), StringComparison.Ordinal);

    [Theory] // Communication §2.1.3: format and attachments may accompany statementId or voidedStatementId
    [InlineData("statementId")]
    [InlineData("voidedStatementId")]
    public void Parse_IdWithFormatAndAttachments_Accepted(string idName)
    {
        var query = Valid((idName, Id), ("format", "ids"), ("attachments", "true"));

        Assert.Equal(StatementFormat.Ids, query.Format);
        Assert.True(query.Attachments);
    }

    [Fact] // Communication §2.1.3: "more" is an opaque link that stands alone
    public void Parse_MoreWithOtherParameter_400()
    {
        var token = Valid().MoreToken(new StatementCursor(DateTimeOffset.UnixEpoch, 1));

        BadRequest(("more", token), ("limit", "10"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("e30")] // {}
    [InlineData("bnVsbA")] // null
    [InlineData("WzFd")] // [1]
    [InlineData("eyJ-c3RvcmVkIjoxfQ")] // {"~stored":1}
    public void Parse_GarbageMore_400(string token) => BadRequest(("more", token));

    [Fact]
    public void Parse_MoreMissingField_400()
    {
        var fields = new[] { "~stored", "~seq", "~limit", "~format", "~attachments" };
        foreach (var missing in fields)
        {
            var json = "{" + string.Join(",", fields.Where(f => f != missing).Select(f => f switch
            {
                "~format" => "\"~format\":\"Exact\"",
                "~attachments" => "\"~attachments\":\"false\"",
                _ => $"\"{f}\":\"1\"",
            })) + "}";
            BadRequest(("more", Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json))));
        }
    }

    [Theory]
    [InlineData("""{"~stored":"x","~seq":"1","~limit":"1","~format":"Exact","~attachments":"false"}""")]
    [InlineData("""{"~stored":"1","~seq":"x","~limit":"1","~format":"Exact","~attachments":"false"}""")]
    [InlineData("""{"~stored":"1","~seq":"1","~limit":"1","~format":"Fancy","~attachments":"false"}""")]
    [InlineData("""{"~stored":"1","~seq":"1","~limit":"x","~format":"Exact","~attachments":"false"}""")]
    [InlineData("""{"~stored":"1","~seq":"1","~limit":"1","~format":"Exact","~attachments":"false","since":"x"}""")]
    public void Parse_MoreWithBadValue_400(string json) =>
        BadRequest(("more", Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json))));

    [Fact]
    public void MoreToken_ParsedBack_RestoresQueryAndCursor()
    {
        var original = Valid(
            ("agent", """{"mbox":"mailto:ann@example.com"}"""),
            ("verb", "http://adlnet.gov/expapi/verbs/completed"),
            ("activity", "http://example.com/course/1"),
            ("registration", Id),
            ("related_activities", "true"),
            ("related_agents", "true"),
            ("since", "2013-05-18T05:32:34.804Z"),
            ("until", "2014-01-01T00:00:00Z"),
            ("limit", "25"),
            ("format", "canonical"),
            ("attachments", "true"),
            ("ascending", "true"));
        var cursor = new StatementCursor(new DateTimeOffset(2024, 6, 1, 10, 20, 30, 456, TimeSpan.Zero), 4711);

        var next = Valid(("more", original.MoreToken(cursor)));

        Assert.Equal(original.AgentKey, next.AgentKey);
        Assert.Equal(original.VerbId, next.VerbId);
        Assert.Equal(original.ActivityId, next.ActivityId);
        Assert.Equal(original.Registration, next.Registration);
        Assert.True(next.RelatedActivities);
        Assert.True(next.RelatedAgents);
        Assert.Equal(original.Since, next.Since);
        Assert.Equal(original.Until, next.Until);
        Assert.Equal(25, next.Limit);
        Assert.Equal(StatementFormat.Canonical, next.Format);
        Assert.True(next.Attachments);
        Assert.True(next.Ascending);
        Assert.Equal(cursor, next.After);
        Assert.Equal(original.Parameters, next.Parameters);
    }

    [Fact]
    public void MoreToken_DefaultQuery_RoundTrips()
    {
        var cursor = new StatementCursor(DateTimeOffset.FromUnixTimeMilliseconds(1), 0);

        var next = Valid(("more", Valid().MoreToken(cursor)));

        Assert.Equal(0, next.Limit);
        Assert.Equal(StatementFormat.Exact, next.Format);
        Assert.False(next.Attachments);
        Assert.False(next.Ascending);
        Assert.Null(next.AgentKey);
        Assert.Equal(cursor, next.After);
    }

    [Fact]
    public void MoreToken_OfContinuedQuery_CarriesNewCursor()
    {
        var first = Valid(("verb", "http://example.com/v"), ("limit", "2"));
        var second = Valid(("more", first.MoreToken(new StatementCursor(DateTimeOffset.FromUnixTimeMilliseconds(1000), 1))));
        var cursor = new StatementCursor(DateTimeOffset.FromUnixTimeMilliseconds(2000), 2);

        var third = Valid(("more", second.MoreToken(cursor)));

        Assert.Equal("http://example.com/v", third.VerbId);
        Assert.Equal(2, third.Limit);
        Assert.Equal(cursor, third.After);
    }
}
