using System.Text.Json.Nodes;
using Lrs.Application.Statements.Validation;
using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>Top-level statement rules: Data §2.2, §2.3.2, §2.4, §2.4.1, §2.4.7–§2.4.10.</summary>
public sealed class StatementRulesTests
{
    [Fact]
    public void Validate_MinimalStatement_IsValid()
    {
        // Data §2.2: actor, verb and object are all a statement needs.
        AssertValid(Statement());
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("verb")]
    [InlineData("object")]
    public void Validate_RequiredPropertyMissing_ReportsIt(string property)
    {
        // Data §2.2: a Statement MUST use "actor", "verb", and "object".
        Assert.Equal("is required", AssertError(Statement(s => s.Remove(property)), "statement." + property));
    }

    [Theory]
    [InlineData("null", "must not be null")]
    [InlineData("[]", "must be a statement object, not an array")]
    [InlineData("\"x\"", "must be a statement object, not a string")]
    public void Validate_NotAnObject_Rejected(string json, string message)
    {
        // Data §2.4: a statement is a JSON object.
        Assert.Equal(message, AssertError(XapiJson.Parse(json), "statement"));
    }

    [Fact]
    public void Validate_UnknownTopLevelProperty_Rejected()
    {
        // Data §2.2: the LRS SHOULD* reject statements with additional properties.
        Assert.Equal("is not a property of a Statement", AssertError(StatementWith("extra", "1"), "statement.extra"));
    }

    [Fact]
    public void Validate_KeyWithWrongCase_RejectedWithHint()
    {
        // Data §2.2: reject keys whose case does not match the specification ("Actor" is not "actor").
        var statement = Statement(s =>
        {
            var actor = s["actor"]!.DeepClone();
            s.Remove("actor");
            s["Actor"] = actor;
        });
        var errors = StatementValidator.Validate(statement);
        Assert.Contains(errors, e => e.Path == "statement.Actor" && e.Message.Contains("did you mean \"actor\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "statement.actor" && e.Message == "is required");
    }

    [Fact]
    public void Validate_CustomRootPath_UsedInErrors()
    {
        // Data §2.2: error paths name the offending property from the caller's root.
        var errors = StatementValidator.Validate(StatementWith("extra", "1"), "body");
        Assert.Equal("body.extra", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData("\"fd41c918-b88b-4b20-a0a5-a4c32391aaa0\"")]
    [InlineData("\"FD41C918-B88B-4B20-A0A5-A4C32391AAA0\"")]
    public void Validate_IdIsUuid_IsValid(string id)
    {
        // Data §2.4.1 and §4.4: the id is a UUID in standard string form.
        AssertValid(StatementWith("id", id));
    }

    [Theory]
    [InlineData("\"\"", "must not be empty; a UUID is required")]
    [InlineData("\"fd41c918b88b4b20a0a5a4c32391aaa0\"", "must be a UUID in standard form (8-4-4-4-12 hexadecimal digits)")]
    [InlineData("\"{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}\"", "must be a UUID in standard form (8-4-4-4-12 hexadecimal digits)")]
    [InlineData("\"fd41c918-b88b-4b20-a0a5-a4c32391aaaz\"", "must be a UUID in standard form (8-4-4-4-12 hexadecimal digits)")]
    [InlineData("12", "must be a string, not a number")]
    [InlineData("null", "must not be null")]
    public void Validate_IdNotUuid_Rejected(string id, string message)
    {
        // Data §2.4.1, §2.2: non-format-following values (including the empty string) are rejected.
        Assert.Equal(message, AssertError(StatementWith("id", id), "statement.id"));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.0.0")]
    [InlineData("1.0.3")]
    [InlineData("1.0.12")]
    public void Validate_Version10x_IsValid(string version)
    {
        // Data §2.4.10: an LRS MUST accept statements whose version starts with 1.0.
        AssertValid(StatementWith("version", $"\"{version}\""));
    }

    [Theory]
    [InlineData("\"0.95\"")]
    [InlineData("\"1.1.0\"")]
    [InlineData("\"2.0.0\"")]
    [InlineData("\"1.0.x\"")]
    [InlineData("\"1.0.0-beta\"")]
    [InlineData("\"\"")]
    [InlineData("1.0")]
    public void Validate_VersionNot10x_Rejected(string version)
    {
        // Data §2.4.10: an LRS MUST reject statements with a version that does not start with 1.0.
        AssertError(StatementWith("version", version), "statement.version");
    }

    [Theory]
    [InlineData("timestamp", "2015-11-18T12:17:00+00:00")]
    [InlineData("timestamp", "2013-05-18T05:32:34.804Z")]
    [InlineData("timestamp", "2013-05-18T05:32:34.8041234567-05:30")]
    [InlineData("timestamp", "2013-05-18T05:32:34,5+0100")]
    [InlineData("timestamp", "2013-05-18T05:32:34+01")]
    [InlineData("timestamp", "2013-05-18T05:32Z")]
    [InlineData("timestamp", "20130518T053234Z")]
    [InlineData("timestamp", "2013-05-18T05:32:34")]
    [InlineData("stored", "2024-02-29T23:59:59.999Z")]
    public void Validate_Iso8601Timestamp_IsValid(string property, string value)
    {
        // Data §2.4.7, §2.4.8, §4.5: timestamps are ISO 8601 combined date and time; the zone is SHOULD*, not MUST.
        AssertValid(StatementWith(property, $"\"{value}\""));
    }

    [Theory]
    [InlineData("2013-05-18")]
    [InlineData("2013-05-18 05:32:34Z")]
    [InlineData("2013-05-18t05:32:34Z")]
    [InlineData("2013-13-18T05:32:34Z")]
    [InlineData("2023-02-29T05:32:34Z")]
    [InlineData("2013-05-18T24:00:00Z")]
    [InlineData("2013-05-18T05:60:00Z")]
    [InlineData("2013-05-18T05:32:60Z")]
    [InlineData("2013-05-18T05:32:34.Z")]
    [InlineData("2013-05-18T05:32:34+25:00")]
    [InlineData("2013-05-18T05:32:34+05:3")]
    [InlineData("2013-05-18T05:32:34z")]
    [InlineData("2013-05-18T05:32:34Z ")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2013-05-18T5:32:34Z")]
    [InlineData("2013-05-18T05:3")]
    [InlineData("2013-05-18T05:32:3Z")]
    [InlineData("2013-05-18T05:32:34+5")]
    [InlineData("May 18, 2013")]
    [InlineData("")]
    public void Validate_TimestampNotIso8601_Rejected(string value)
    {
        // Data §4.5: a Timestamp MUST be formatted according to ISO 8601.
        AssertError(StatementWith("timestamp", $"\"{value}\""), "statement.timestamp");
    }

    [Theory]
    [InlineData("2013-05-18T05:32:34-00:00")]
    [InlineData("2013-05-18T05:32:34-0000")]
    [InlineData("2013-05-18T05:32:34-00")]
    public void Validate_TimestampWithMinusZeroOffset_Rejected(string value)
    {
        // Data §4.5: ISO 8601 writes a zero offset as Z or +00:00; "-00:00" (RFC 3339's unknown offset) is not ISO 8601.
        var message = AssertError(StatementWith("timestamp", $"\"{value}\""), "statement.timestamp");
        Assert.Contains("-00:00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StoredNotTimestamp_Rejected()
    {
        // Data §2.4.8: stored is a Timestamp; the LRS SHOULD validate it before overwriting.
        AssertError(StatementWith("stored", "\"yesterday\""), "statement.stored");
    }

    [Fact]
    public void Validate_TimestampNumber_Rejected()
    {
        // Data §2.2: wrong JSON type.
        Assert.Equal("must be a string, not a number", AssertError(StatementWith("timestamp", "1368855154"), "statement.timestamp"));
    }

    [Fact]
    public void Validate_NullTopLevelValue_Rejected()
    {
        // Data §2.2: the LRS MUST reject statements with any null values (except inside extensions).
        Assert.Equal("must not be null", AssertError(StatementWith("result", "null"), "statement.result"));
        Assert.Equal("must not be null", AssertError(StatementWith("actor", "null"), "statement.actor"));
    }

    [Fact]
    public void Validate_VoidingStatementWithStatementRef_IsValid()
    {
        // Data §2.3.2: a voiding statement's object is a StatementRef with an id.
        AssertValid(Parse(SpecExamples.Voiding));
    }

    [Theory]
    [InlineData("""{ "id": "http://example.com/activities/1" }""")]
    [InlineData("""{ "objectType": "Agent", "mbox": "mailto:bob@example.com" }""")]
    public void Validate_VoidingStatementWithoutStatementRef_Rejected(string target)
    {
        // Data §2.3.2: the object of a voiding statement MUST have objectType StatementRef.
        var statement = Parse(SpecExamples.Voiding).AsObject();
        statement["object"] = Parse(target);
        Assert.Contains("StatementRef", AssertError(statement, "statement.object"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VoidingStatementRefWithoutId_Rejected()
    {
        // Data §2.3.2: the voiding statement MUST specify the id of the statement to void.
        var statement = Parse(SpecExamples.Voiding).AsObject();
        statement["object"]!.AsObject().Remove("id");
        Assert.Equal("is required", AssertError(statement, "statement.object.id"));
    }

    [Theory]
    [InlineData("""{ "display": { "en-US": "did" } }""", "statement.verb.id", "is required")]
    [InlineData("""{ "id": "" }""", "statement.verb.id", "must not be empty; an IRI is required")]
    [InlineData("""{ "id": "attempted" }""", "statement.verb.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "/verbs/attempted" }""", "statement.verb.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "http://example.com/has space" }""", "statement.verb.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "http://example.com/x", "display": "did" }""", "statement.verb.display", "must be a language map object, not a string")]
    [InlineData("""{ "id": "http://example.com/x", "display": { "en-US": 1 } }""", "statement.verb.display.en-US", "must be a string, not a number")]
    [InlineData("""{ "id": "http://example.com/x", "display": { "en-US": null } }""", "statement.verb.display.en-US", "must not be null")]
    [InlineData("""{ "id": "http://example.com/x", "display": { "en_US": "did" } }""", "statement.verb.display.en_US", "is not a valid RFC 5646 language tag")]
    [InlineData("""{ "id": "http://example.com/x", "Display": { "en": "did" } }""", "statement.verb.Display", "is not a property of a Verb (property names are case-sensitive: did you mean \"display\"?)")]
    [InlineData("\"http://example.com/x\"", "statement.verb", "must be a verb object, not a string")]
    public void Validate_InvalidVerb_Rejected(string verb, string path, string message)
    {
        // Data §2.4.3: a verb has an IRI id and a display language map; §2.2 bans unknown keys and IRIs without a scheme.
        Assert.Equal(message, AssertError(StatementWith("verb", verb), path));
    }

    [Theory]
    [InlineData("urn:x-verb:finished")]
    [InlineData("http://example.com/فعل/خواندن")]
    [InlineData("http://example.com/xapi/verbs#defenestrated")]
    [InlineData("http://example.com/a%20b?q=1")]
    public void Validate_VerbIdIri_IsValid(string id)
    {
        // Data §2.4.3.1, §4.3: verb ids are IRIs, which may contain non-ASCII characters.
        AssertValid(StatementWith("verb", $$"""{ "id": "{{id}}" }"""));
    }

    [Fact]
    public void Validate_ManyErrors_AllReported()
    {
        // Data §2.2: every problem is reported so a client can fix them at once.
        var statement = Parse("""
            {
                "actor": { "mbox": "ann@example.com" },
                "verb": { "id": "attempted" },
                "object": { "id": "activity" },
                "extra": true
            }
            """);
        var errors = StatementValidator.Validate(statement);
        Assert.Equal(["statement.extra", "statement.actor.mbox", "statement.verb.id", "statement.object.id"], errors.Select(e => e.Path));
    }

    [Fact]
    public void ValidateBatch_ArrayOfStatements_ReportsIndexedPaths()
    {
        // Communication §2.1.2: POST takes an array of statements.
        var batch = new JsonArray(Statement(), StatementWith("actor", """{ "mbox": "nope" }"""));
        var error = Assert.Single(StatementValidator.ValidateBatch(batch));
        Assert.Equal("statements[1].actor.mbox", error.Path);
    }

    [Fact]
    public void ValidateBatch_EmptyArray_IsValid()
    {
        // Communication §2.1.2: an empty array of statements is a valid body.
        Assert.Empty(StatementValidator.ValidateBatch(new JsonArray()));
    }

    [Fact]
    public void ValidateBatch_SingleObject_ValidatedAsStatement()
    {
        // Communication §2.1.2: POST accepts a single statement object.
        Assert.Empty(StatementValidator.ValidateBatch(Statement()));
        Assert.Equal("statement.extra", Assert.Single(StatementValidator.ValidateBatch(StatementWith("extra", "1"))).Path);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"statement\"")]
    [InlineData("42")]
    public void ValidateBatch_NeitherObjectNorArray_Rejected(string json)
    {
        // Communication §2.1.2: the body is a statement or an array of statements.
        var error = Assert.Single(StatementValidator.ValidateBatch(XapiJson.Parse(json)));
        Assert.Equal("statements", error.Path);
    }

    [Fact]
    public void ValidateBatch_NonObjectElement_Rejected()
    {
        // Communication §2.1.2: every array element is a statement object.
        var error = Assert.Single(StatementValidator.ValidateBatch(new JsonArray(Statement(), JsonValue.Create(3))));
        Assert.Equal("statements[1]", error.Path);
    }

    [Fact]
    public void ValidateBatch_DuplicateIds_Rejected()
    {
        // Communication §2.1.2: a batch with two statements with the same id SHOULD* be rejected.
        var batch = new JsonArray(
            StatementWith("id", "\"fd41c918-b88b-4b20-a0a5-a4c32391aaa0\""),
            StatementWith("id", "\"7ccd3322-e1a5-411a-a67d-6a735c76f119\""),
            StatementWith("id", "\"FD41C918-B88B-4B20-A0A5-A4C32391AAA0\""));
        var error = Assert.Single(StatementValidator.ValidateBatch(batch));
        Assert.Equal("statements[2].id", error.Path);
        Assert.Contains("statements[0]", error.Message, StringComparison.Ordinal);
    }
}
