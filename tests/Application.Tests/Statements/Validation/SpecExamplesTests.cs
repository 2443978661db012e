using System.Text.Json.Nodes;
using Lrs.Application.Statements.Validation;
using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>Every example statement of the xAPI 1.0.3 specification is valid.</summary>
public sealed class SpecExamplesTests
{
    [Theory]
    [InlineData(nameof(SpecExamples.Voiding), SpecExamples.Voiding)]
    [InlineData(nameof(SpecExamples.Simplest), SpecExamples.Simplest)]
    [InlineData(nameof(SpecExamples.StatementRefComment), SpecExamples.StatementRefComment)]
    [InlineData(nameof(SpecExamples.SubStatementPlanned), SpecExamples.SubStatementPlanned)]
    [InlineData(nameof(SpecExamples.AppendixASimple), SpecExamples.AppendixASimple)]
    [InlineData(nameof(SpecExamples.AppendixAAttempted), SpecExamples.AppendixAAttempted)]
    [InlineData(nameof(SpecExamples.AppendixALong), SpecExamples.AppendixALong)]
    [InlineData(nameof(SpecExamples.SignedOriginal), SpecExamples.SignedOriginal)]
    [InlineData(nameof(SpecExamples.Signed), SpecExamples.Signed)]
    [InlineData(nameof(SpecExamples.WithAttachment), SpecExamples.WithAttachment)]
    public void Validate_SpecExampleStatement_IsValid(string name, string json)
    {
        // Data §2.3.2, §2.4, §2.4.4.3, Appendix A, Appendix D; Communication §1.5.2.
        Assert.NotEmpty(name);
        AssertValid(Parse(json));
    }

    [Theory]
    [InlineData(SpecExamples.ObjectActivity)]
    [InlineData(SpecExamples.ObjectAgent)]
    [InlineData(SpecExamples.ObjectGroup)]
    [InlineData(SpecExamples.ObjectSubStatement)]
    public void Validate_AppendixBObjects_AreValidObjects(string json)
    {
        // Data Appendix B: objects of each type.
        AssertValid(StatementWith("object", json));
    }

    [Theory]
    [InlineData(SpecExamples.DefinitionTrueFalse)]
    [InlineData(SpecExamples.DefinitionChoice)]
    [InlineData(SpecExamples.DefinitionFillIn)]
    [InlineData(SpecExamples.DefinitionLongFillIn)]
    [InlineData(SpecExamples.DefinitionLikert)]
    [InlineData(SpecExamples.DefinitionMatching)]
    [InlineData(SpecExamples.DefinitionPerformance)]
    [InlineData(SpecExamples.DefinitionSequencing)]
    [InlineData(SpecExamples.DefinitionNumeric)]
    [InlineData(SpecExamples.DefinitionOther)]
    public void Validate_AppendixCInteractionDefinitions_AreValid(string definitionProperty)
    {
        // Data Appendix C: one example definition per interactionType.
        var activity = "{ \"id\": \"http://example.com/interactions/q1\", " + definitionProperty + " }";
        AssertValid(StatementWith("object", activity));
    }

    [Fact]
    public void Validate_AccountAgentExampleAsActor_IsValid()
    {
        // Data §2.4.2.4 example.
        AssertValid(StatementWith("actor", SpecExamples.AccountAgent));
    }

    [Fact]
    public void Validate_VerbExample_IsValid()
    {
        // Data §2.4.3 example.
        AssertValid(StatementWith("verb", SpecExamples.Verb));
    }

    [Fact]
    public void Validate_ContextActivitiesExample_IsValid()
    {
        // Data §2.4.6.2 example.
        AssertValid(Statement(s => s["context"] = new JsonObject { ["contextActivities"] = Parse(SpecExamples.ContextActivities) }));
    }

    [Fact]
    public void Validate_OAuthAuthorityExample_IsValid()
    {
        // Data §2.4.9 example: an OAuth consumer and a user as a two-Agent Group.
        AssertValid(Statement(s => s["authority"] = Parse(SpecExamples.OAuthAuthority)["authority"]!.DeepClone()));
    }

    [Fact]
    public void ValidateBatch_AllSpecStatementsInOneArray_IsValid()
    {
        // Data Appendix A; Communication §2.1.2 POST accepts an array of statements.
        var batch = new JsonArray(
            Parse(SpecExamples.AppendixASimple),
            Parse(SpecExamples.AppendixAAttempted),
            Parse(SpecExamples.AppendixALong),
            Parse(SpecExamples.Signed));
        Assert.Empty(StatementValidator.ValidateBatch(batch));
    }
}
