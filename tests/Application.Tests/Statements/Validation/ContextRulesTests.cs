using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>The statement's context: Data §2.4.6.</summary>
public sealed class ContextRulesTests
{
    private const string FullContext = """
        {
            "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "instructor": { "objectType": "Group", "member": [{ "mbox": "mailto:teacher@example.com" }] },
            "team": { "objectType": "Group", "mbox": "mailto:team@example.com" },
            "contextActivities": {
                "parent": { "id": "http://example.com/test1" },
                "grouping": [{ "id": "http://example.com/algebra1", "objectType": "Activity" }],
                "category": [],
                "other": [{ "id": "http://example.com/x", "definition": { "type": "http://example.com/types/t" } }]
            },
            "revision": "r2",
            "platform": "Example LMS",
            "language": "en-GB",
            "statement": { "objectType": "StatementRef", "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee" },
            "extensions": { "http://example.com/ext/altitude": 1200, "http://example.com/ext/none": null }
        }
        """;

    [Fact]
    public void Validate_ContextWithEveryProperty_IsValid()
    {
        // Data §2.4.6: all context properties, including a single Activity as a contextActivities value (§2.4.6.2).
        AssertValid(StatementWith("context", FullContext));
    }

    [Fact]
    public void Validate_InstructorAgent_IsValid()
    {
        // Data §2.4.6: instructor is an Agent (MAY be a Group).
        AssertValid(StatementWith("context", """{ "instructor": { "mbox": "mailto:teacher@example.com" } }"""));
    }

    [Theory]
    [InlineData("""{ "registration": "" }""", "statement.context.registration")]
    [InlineData("""{ "registration": "ec531277b57b4c158d91d292c5b2b8f7" }""", "statement.context.registration")]
    [InlineData("""{ "registration": null }""", "statement.context.registration")]
    [InlineData("""{ "instructor": { "name": "no id" } }""", "statement.context.instructor")]
    [InlineData("""{ "instructor": "teacher" }""", "statement.context.instructor")]
    [InlineData("""{ "team": { "mbox": "mailto:team@example.com" } }""", "statement.context.team")]
    [InlineData("""{ "team": { "objectType": "Agent", "mbox": "mailto:team@example.com" } }""", "statement.context.team")]
    [InlineData("""{ "team": { "objectType": "Group" } }""", "statement.context.team")]
    [InlineData("""{ "revision": 2 }""", "statement.context.revision")]
    [InlineData("""{ "platform": null }""", "statement.context.platform")]
    [InlineData("""{ "language": "englishes" }""", "statement.context.language")]
    [InlineData("""{ "language": "en_US" }""", "statement.context.language")]
    [InlineData("""{ "language": "" }""", "statement.context.language")]
    [InlineData("""{ "statement": { "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee" } }""", "statement.context.statement.objectType")]
    [InlineData("""{ "statement": { "objectType": "SubStatement", "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee" } }""", "statement.context.statement.objectType")]
    [InlineData("""{ "statement": { "objectType": "StatementRef", "id": "x" } }""", "statement.context.statement.id")]
    [InlineData("""{ "statement": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee" }""", "statement.context.statement")]
    [InlineData("""{ "extensions": { "altitude": 1 } }""", "statement.context.extensions.altitude")]
    [InlineData("""{ "Registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7" }""", "statement.context.Registration")]
    [InlineData("""{ "mood": "happy" }""", "statement.context.mood")]
    [InlineData("[]", "statement.context")]
    public void Validate_InvalidContextProperty_Rejected(string context, string path)
    {
        // Data §2.4.6: registration UUID, instructor Agent/Group, team Group, language RFC 5646, statement StatementRef.
        AssertError(StatementWith("context", context), path);
    }

    [Theory]
    [InlineData("""{ "parents": [] }""", "statement.context.contextActivities.parents")]
    [InlineData("""{ "Parent": [] }""", "statement.context.contextActivities.Parent")]
    [InlineData("""{ "parent": "http://example.com/test1" }""", "statement.context.contextActivities.parent")]
    [InlineData("""{ "parent": null }""", "statement.context.contextActivities.parent")]
    [InlineData("""{ "parent": [{ "id": "http://example.com/a" }, { "objectType": "Agent", "mbox": "mailto:a@example.com" }] }""", "statement.context.contextActivities.parent[1].objectType")]
    [InlineData("""{ "grouping": [{ "id": "not an iri" }] }""", "statement.context.contextActivities.grouping[0].id")]
    [InlineData("""{ "category": [{ "definition": {} }] }""", "statement.context.contextActivities.category[0].id")]
    [InlineData("""{ "other": ["http://example.com/a"] }""", "statement.context.contextActivities.other[0]")]
    [InlineData("""[]""", "statement.context.contextActivities")]
    public void Validate_InvalidContextActivities_Rejected(string contextActivities, string path)
    {
        // Data §2.4.6.2: keys parent, grouping, category, other; each an Activity or an array of Activities.
        AssertError(StatementWith("context", $$"""{ "contextActivities": {{contextActivities}} }"""), path);
    }

    [Theory]
    [InlineData("revision")]
    [InlineData("platform")]
    public void Validate_RevisionOrPlatformWithActivityObject_IsValid(string property)
    {
        // Data §2.4.6: revision and platform are allowed when the object is an Activity.
        AssertValid(StatementWith("context", $$"""{ "{{property}}": "value" }"""));
    }

    [Theory]
    [InlineData("revision", """{ "objectType": "Agent", "mbox": "mailto:bob@example.com" }""")]
    [InlineData("platform", """{ "objectType": "Group", "mbox": "mailto:team@example.com" }""")]
    [InlineData("revision", """{ "objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0" }""")]
    [InlineData("platform", SpecExamples.ObjectSubStatement)]
    public void Validate_RevisionOrPlatformWithNonActivityObject_Rejected(string property, string target)
    {
        // Data §2.4.6: "revision" and "platform" MUST only be used if the statement's object is an Activity.
        var statement = Statement(s =>
        {
            s["object"] = Parse(target);
            s["context"] = Parse($$"""{ "{{property}}": "value" }""");
        });
        Assert.Equal("must only be used when the statement's object is an Activity", AssertError(statement, $"statement.context.{property}"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("EN-us")]
    [InlineData("und")]
    [InlineData("tlh")]
    [InlineData("zh-Hant")]
    [InlineData("zh-cmn-Hans-CN")]
    [InlineData("zh-min-nan")]
    [InlineData("es-419")]
    [InlineData("sl-rozaj-biske")]
    [InlineData("de-CH-1901")]
    [InlineData("en-US-u-islamcal")]
    [InlineData("en-a-bbb-x-a-ccc")]
    [InlineData("x-whatever")]
    [InlineData("i-klingon")]
    [InlineData("en-GB-oed")]
    [InlineData("qaa-Qaaa-QM-x-southern")]
    public void Validate_LanguageTag_IsValid(string tag)
    {
        // Data §2.2, §2.4.6: language is an RFC 5646 language tag.
        AssertValid(StatementWith("context", $$"""{ "language": "{{tag}}" }"""));
    }

    [Theory]
    [InlineData("e")]
    [InlineData("toolonglanguage")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en--US")]
    [InlineData("en-US-")]
    [InlineData("en_US")]
    [InlineData("1en")]
    [InlineData("en-U")]
    [InlineData("en-1a2")]
    [InlineData("en-U.S")]
    [InlineData("en-a")]
    [InlineData("en-a-b")]
    [InlineData("en-x")]
    [InlineData("x")]
    [InlineData("en-US-GB")]
    [InlineData("en-abc-def-ghi-jkl")]
    [InlineData("en-Latn-Latn")]
    [InlineData("de-1901-CH")]
    [InlineData("en-123456789")]
    [InlineData("en-x-123456789")]
    [InlineData("en US")]
    [InlineData("español")]
    public void Validate_LanguageTagMalformed_Rejected(string tag)
    {
        // Data §2.2: the LRS MUST at least validate the sequence of token lengths of RFC 5646 tags.
        AssertError(StatementWith("context", $$"""{ "language": "{{tag}}" }"""), "statement.context.language");
    }
}
