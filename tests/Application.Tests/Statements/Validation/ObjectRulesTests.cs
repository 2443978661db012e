using Lrs.Application.Statements.Validation;
using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>The statement's object: Data §2.4.4 (Activity, Agent/Group, StatementRef, SubStatement).</summary>
public sealed class ObjectRulesTests
{
    private static string WithDefinition(string definition) =>
        $$"""{ "id": "http://example.com/activities/q1", "definition": {{definition}} }""";

    [Theory]
    [InlineData("""{ "id": "http://example.com/activities/1" }""")]
    [InlineData("""{ "objectType": "Activity", "id": "http://example.com/activities/1", "definition": {} }""")]
    [InlineData("""{ "id": "http://example.com/activities/1", "definition": { "name": { "en": "Quiz", "und": "Quiz", "zh-Hant-TW": "測驗" }, "type": "http://adlnet.gov/expapi/activities/assessment", "moreInfo": "https://example.com/quiz", "extensions": { "http://example.com/ext/level": null } } }""")]
    public void Validate_Activity_IsValid(string target)
    {
        // Data §2.4.4.1: objectType defaults to Activity; id is an IRI; definition metadata is optional.
        AssertValid(StatementWith("object", target));
    }

    [Theory]
    [InlineData("""{ "objectType": "Activity" }""", "statement.object.id", "is required")]
    [InlineData("""{ "id": "" }""", "statement.object.id", "must not be empty; an IRI is required")]
    [InlineData("""{ "id": "activities/1" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "#fragment" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "http://example.com/a#b#c" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "http://example.com/%zz" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "http://example.com/<a>" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "1http://example.com" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": "http:" }""", "statement.object.id", "must be a valid IRI with a scheme")]
    [InlineData("""{ "id": 5 }""", "statement.object.id", "must be a string, not a number")]
    [InlineData("""{ "objectType": "activity", "id": "http://example.com/1" }""", "statement.object.objectType", "must be one of \"Activity\", \"Agent\", \"Group\", \"StatementRef\" or \"SubStatement\" (case-sensitive)")]
    [InlineData("""{ "objectType": null, "id": "http://example.com/1" }""", "statement.object.objectType", "must not be null")]
    [InlineData("""{ "id": "http://example.com/1", "name": "x" }""", "statement.object.name", "is not a property of an Activity")]
    [InlineData("\"http://example.com/1\"", "statement.object", "must be an object, not a string")]
    public void Validate_InvalidActivity_Rejected(string target, string path, string message)
    {
        // Data §2.4.4.1 and §2.2: id is a required IRI with a scheme; enumerations and keys are case-sensitive.
        Assert.Equal(message, AssertError(StatementWith("object", target), path));
    }

    [Theory]
    [InlineData("""{ "name": "Quiz" }""", "statement.object.definition.name")]
    [InlineData("""{ "description": { "en-US": ["a"] } }""", "statement.object.definition.description.en-US")]
    [InlineData("""{ "type": "assessment" }""", "statement.object.definition.type")]
    [InlineData("""{ "moreInfo": "example.com/quiz" }""", "statement.object.definition.moreInfo")]
    [InlineData("""{ "extensions": { "level": 3 } }""", "statement.object.definition.extensions.level")]
    [InlineData("""{ "extensions": [] }""", "statement.object.definition.extensions")]
    [InlineData("""{ "extensions": null }""", "statement.object.definition.extensions")]
    [InlineData("""{ "Name": { "en": "Quiz" } }""", "statement.object.definition.Name")]
    [InlineData("""{ "name": null }""", "statement.object.definition.name")]
    [InlineData("\"Quiz\"", "statement.object.definition")]
    public void Validate_InvalidDefinition_Rejected(string definition, string path)
    {
        // Data §2.4.4.1 Activity Definition: language maps, type IRI, moreInfo IRL, extensions keyed by IRIs.
        AssertError(StatementWith("object", WithDefinition(definition)), path);
    }

    [Fact]
    public void Validate_ExtensionValuesOfAnyKind_IsValid()
    {
        // Data §4.1: an LRS MUST NOT reject a statement based on the values of the extensions map (nulls included).
        AssertValid(StatementWith("object", WithDefinition("""
            { "extensions": { "http://example.com/a": null, "http://example.com/b": { "x": [null, 1, "y", true] }, "urn:example:c": "" } }
            """)));
    }

    [Theory]
    [InlineData("true-false")]
    [InlineData("choice")]
    [InlineData("fill-in")]
    [InlineData("long-fill-in")]
    [InlineData("matching")]
    [InlineData("performance")]
    [InlineData("sequencing")]
    [InlineData("likert")]
    [InlineData("numeric")]
    [InlineData("other")]
    public void Validate_EachInteractionType_IsValid(string interactionType)
    {
        // Data §2.4.4.1 Interaction Activities: the ten interaction types.
        AssertValid(StatementWith("object", WithDefinition($$"""{ "interactionType": "{{interactionType}}", "correctResponsesPattern": [] }""")));
    }

    [Theory]
    [InlineData("\"Choice\"", "must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other (case-sensitive)")]
    [InlineData("\"true_false\"", "must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other (case-sensitive)")]
    [InlineData("\"\"", "must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other (case-sensitive)")]
    [InlineData("1", "must be a string, not a number")]
    public void Validate_InvalidInteractionType_Rejected(string interactionType, string message)
    {
        // Data §2.4.4.1: Interaction Activities MUST have a valid interactionType (exact case, §2.2).
        Assert.Equal(message, AssertError(StatementWith("object", WithDefinition($$"""{ "interactionType": {{interactionType}} }""")), "statement.object.definition.interactionType"));
    }

    [Theory]
    [InlineData("correctResponsesPattern", """["true"]""")]
    [InlineData("choices", """[{ "id": "a" }]""")]
    [InlineData("scale", """[{ "id": "a" }]""")]
    [InlineData("source", """[{ "id": "a" }]""")]
    [InlineData("target", """[{ "id": "a" }]""")]
    [InlineData("steps", """[{ "id": "a" }]""")]
    public void Validate_InteractionPropertyWithoutInteractionType_Rejected(string property, string value)
    {
        // Data §2.4.4.1: interactionType is required for Interaction Activities.
        var definition = $$"""{ "{{property}}": {{value}} }""";
        Assert.Equal("requires interactionType to be set", AssertError(StatementWith("object", WithDefinition(definition)), $"statement.object.definition.{property}"));
    }

    [Theory]
    [InlineData("choice", "choices")]
    [InlineData("sequencing", "choices")]
    [InlineData("likert", "scale")]
    [InlineData("matching", "source")]
    [InlineData("matching", "target")]
    [InlineData("performance", "steps")]
    public void Validate_ComponentListForItsType_IsValid(string interactionType, string list)
    {
        // Data §2.4.4.1 Interaction Components: supported component lists per interactionType.
        AssertValid(StatementWith("object", WithDefinition($$"""{ "interactionType": "{{interactionType}}", "{{list}}": [{ "id": "a", "description": { "en": "A" } }, { "id": "b" }] }""")));
    }

    [Theory]
    [InlineData("true-false", "choices")]
    [InlineData("likert", "choices")]
    [InlineData("choice", "scale")]
    [InlineData("fill-in", "source")]
    [InlineData("sequencing", "target")]
    [InlineData("numeric", "steps")]
    [InlineData("other", "scale")]
    public void Validate_ComponentListForOtherType_Rejected(string interactionType, string list)
    {
        // Data §2.4.4.1 Interaction Components: other types support no (or other) component lists.
        var definition = $$"""{ "interactionType": "{{interactionType}}", "{{list}}": [{ "id": "a" }] }""";
        Assert.Equal($"is not allowed for interactionType \"{interactionType}\"", AssertError(StatementWith("object", WithDefinition(definition)), $"statement.object.definition.{list}"));
    }

    [Theory]
    [InlineData("""[{ "id": "golf" }, { "id": "tetris" }, { "id": "golf" }]""", "statement.object.definition.choices[2].id")]
    [InlineData("""[{ "description": { "en": "no id" } }]""", "statement.object.definition.choices[0].id")]
    [InlineData("""[{ "id": 1 }]""", "statement.object.definition.choices[0].id")]
    [InlineData("""[{ "id": null }]""", "statement.object.definition.choices[0].id")]
    [InlineData("""[{ "id": "a", "description": "A" }]""", "statement.object.definition.choices[0].description")]
    [InlineData("""[{ "id": "a", "name": { "en": "A" } }]""", "statement.object.definition.choices[0].name")]
    [InlineData("""["a"]""", "statement.object.definition.choices[0]")]
    [InlineData("""{ "id": "a" }""", "statement.object.definition.choices")]
    public void Validate_InvalidInteractionComponents_Rejected(string choices, string path)
    {
        // Data §2.4.4.1 Interaction Components: id required (string), distinct within the list; description a language map.
        AssertError(StatementWith("object", WithDefinition($$"""{ "interactionType": "choice", "choices": {{choices}} }""")), path);
    }

    [Fact]
    public void Validate_SameComponentIdInDifferentLists_IsValid()
    {
        // Data §2.4.4.1: ids must be distinct within one array of interaction components only.
        AssertValid(StatementWith("object", WithDefinition("""{ "interactionType": "matching", "source": [{ "id": "1" }], "target": [{ "id": "1" }] }""")));
    }

    [Theory]
    [InlineData("""["a", 1]""", "statement.object.definition.correctResponsesPattern[1]")]
    [InlineData("""["a", null]""", "statement.object.definition.correctResponsesPattern[1]")]
    [InlineData("\"a[,]b\"", "statement.object.definition.correctResponsesPattern")]
    public void Validate_CorrectResponsesPatternNotArrayOfStrings_Rejected(string pattern, string path)
    {
        // Data §2.4.4.1: correctResponsesPattern is an array of strings.
        AssertError(StatementWith("object", WithDefinition($$"""{ "interactionType": "choice", "correctResponsesPattern": {{pattern}} }""")), path);
    }

    [Theory]
    [InlineData("""{ "objectType": "Agent", "mbox": "mailto:bob@example.com" }""")]
    [InlineData("""{ "objectType": "Group", "member": [{ "mbox": "mailto:bob@example.com" }] }""")]
    public void Validate_AgentOrGroupObject_IsValid(string target)
    {
        // Data §2.4.4.2: Agents and Groups can be objects when objectType says so.
        AssertValid(StatementWith("object", target));
    }

    [Fact]
    public void Validate_AgentObjectWithoutObjectType_TreatedAsActivity()
    {
        // Data §2.4.4.2: an Agent object MUST specify objectType; without it the object is an Activity.
        var errors = StatementValidator.Validate(StatementWith("object", """{ "mbox": "mailto:bob@example.com" }"""));
        Assert.Contains(errors, e => e.Path == "statement.object.mbox" && e.Message == "is not a property of an Activity");
        Assert.Contains(errors, e => e.Path == "statement.object.id" && e.Message == "is required");
    }

    [Fact]
    public void Validate_AgentObjectWithoutIdentifier_Rejected()
    {
        // Data §2.4.4.2 with §2.4.2.1: an Agent object is validated as an Agent.
        AssertError(StatementWith("object", """{ "objectType": "Agent", "name": "Bob" }"""), "statement.object");
    }

    [Theory]
    [InlineData("""{ "objectType": "StatementRef" }""", "statement.object.id", "is required")]
    [InlineData("""{ "objectType": "StatementRef", "id": "not-a-uuid" }""", "statement.object.id", "must be a UUID in standard form (8-4-4-4-12 hexadecimal digits)")]
    [InlineData("""{ "objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0", "definition": {} }""", "statement.object.definition", "is not a property of a StatementRef")]
    [InlineData("""{ "objectType": "Statementref", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0" }""", "statement.object.objectType", "must be one of \"Activity\", \"Agent\", \"Group\", \"StatementRef\" or \"SubStatement\" (case-sensitive)")]
    public void Validate_InvalidStatementRef_Rejected(string target, string path, string message)
    {
        // Data §2.4.4.3 Statement References: objectType StatementRef and a UUID id, nothing else.
        Assert.Equal(message, AssertError(StatementWith("object", target), path));
    }

    [Theory]
    [InlineData("id", "\"8f87ccde-bb56-4c2e-ab83-44982ef22df0\"")]
    [InlineData("stored", "\"2013-05-18T05:32:34.804Z\"")]
    [InlineData("version", "\"1.0.0\"")]
    [InlineData("authority", """{ "mbox": "mailto:lrs@example.com" }""")]
    public void Validate_SubStatementWithForbiddenProperty_Rejected(string property, string value)
    {
        // Data §2.4.4.3 SubStatements: MUST NOT have the "id", "stored", "version" or "authority" properties.
        var sub = Parse(SpecExamples.ObjectSubStatement).AsObject();
        sub[property] = Parse(value);
        Assert.Equal("must not be used in a SubStatement", AssertError(Statement(s => s["object"] = sub), $"statement.object.{property}"));
    }

    [Fact]
    public void Validate_NestedSubStatement_Rejected()
    {
        // Data §2.4.4.3 SubStatements: MUST NOT contain a SubStatement of their own.
        var inner = Parse(SpecExamples.ObjectSubStatement);
        var outer = Parse(SpecExamples.ObjectSubStatement).AsObject();
        outer["object"] = inner;
        Assert.Contains("must not contain another SubStatement", AssertError(Statement(s => s["object"] = outer), "statement.object.object.objectType"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actor", """{ "mbox": "nope" }""", "statement.object.actor.mbox")]
    [InlineData("verb", """{ "id": "confirmed" }""", "statement.object.verb.id")]
    [InlineData("object", """{ "id": "x" }""", "statement.object.object.id")]
    [InlineData("result", """{ "success": "true" }""", "statement.object.result.success")]
    [InlineData("context", """{ "registration": "r" }""", "statement.object.context.registration")]
    [InlineData("timestamp", "\"soon\"", "statement.object.timestamp")]
    [InlineData("attachments", "{}", "statement.object.attachments")]
    [InlineData("extra", "1", "statement.object.extra")]
    public void Validate_SubStatementValidatedAsStatement_Rejected(string property, string value, string path)
    {
        // Data §2.4.4.3 SubStatements: a SubStatement MUST be validated as a Statement.
        var sub = Parse(SpecExamples.ObjectSubStatement).AsObject();
        sub[property] = Parse(value);
        AssertError(Statement(s => s["object"] = sub), path);
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("verb")]
    [InlineData("object")]
    public void Validate_SubStatementMissingRequired_Rejected(string property)
    {
        // Data §2.4.4.3: a SubStatement needs actor, verb and object like any statement.
        var sub = Parse(SpecExamples.ObjectSubStatement).AsObject();
        sub.Remove(property);
        Assert.Equal("is required", AssertError(Statement(s => s["object"] = sub), $"statement.object.{property}"));
    }

    [Fact]
    public void Validate_SubStatementWithFutureTimestampAndContext_IsValid()
    {
        // Data §2.4.7: a SubStatement MAY have a timestamp in the future.
        var sub = Parse(SpecExamples.SubStatementPlanned)["object"]!.DeepClone().AsObject();
        sub["timestamp"] = "2999-01-01T00:00:00Z";
        sub["context"] = Parse("""{ "platform": "web", "revision": "2" }""");
        AssertValid(Statement(s => s["object"] = sub));
    }
}
