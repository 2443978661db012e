using System.Text.Json.Nodes;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>Builders and assertions shared by the validation tests.</summary>
internal static class TestJson
{
    public const string MinimalStatement = """
        {
            "actor": { "mbox": "mailto:ann@example.com" },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/attempted", "display": { "en-US": "attempted" } },
            "object": { "id": "http://example.com/activities/quiz-1" }
        }
        """;

    public static JsonNode Parse(string json) => XapiJson.Parse(json)!;

    /// <summary>The minimal valid statement with one change applied.</summary>
    public static JsonObject Statement(Action<JsonObject>? change = null)
    {
        var statement = Parse(MinimalStatement).AsObject();
        change?.Invoke(statement);
        return statement;
    }

    /// <summary>The minimal statement with <paramref name="property"/> replaced by the parsed <paramref name="json"/>.</summary>
    public static JsonObject StatementWith(string property, string json) => Statement(s => s[property] = Parse(json));

    public static void AssertValid(JsonNode? statement)
    {
        var errors = StatementValidator.Validate(statement);
        Assert.True(errors.Count == 0, "Expected no errors but got:\n" + string.Join("\n", errors));
    }

    /// <summary>Asserts an error at exactly <paramref name="path"/> and returns its message.</summary>
    public static string AssertError(JsonNode? statement, string path)
    {
        var errors = StatementValidator.Validate(statement);
        var match = errors.FirstOrDefault(e => e.Path == path);
        Assert.True(match is not null, $"Expected an error at {path} but got:\n" + (errors.Count == 0 ? "(none)" : string.Join("\n", errors)));
        return match.Message;
    }
}
