using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>The statement's result and score: Data §2.4.5, §4.6.</summary>
public sealed class ResultRulesTests
{
    [Fact]
    public void Validate_FullResult_IsValid()
    {
        // Data §2.4.5: every result property.
        AssertValid(StatementWith("result", """
            {
                "score": { "scaled": -1, "raw": 0, "min": 0, "max": 100 },
                "success": false,
                "completion": true,
                "response": "golf[,]tetris",
                "duration": "PT4H35M59.14S",
                "extensions": { "http://example.com/ext/attempts": 3 }
            }
            """));
    }

    [Theory]
    [InlineData("""{ "scaled": 1 }""")]
    [InlineData("""{ "scaled": 0.5, "raw": 50.5, "min": 0.5, "max": 99.5 }""")]
    [InlineData("""{ "raw": 100, "max": 100 }""")]
    [InlineData("""{ "raw": -5, "min": -5 }""")]
    [InlineData("""{ "raw": 1e3 }""")]
    [InlineData("""{}""")]
    public void Validate_Score_IsValid(string score)
    {
        // Data §2.4.5.1: raw lies between min and max inclusive, each optional.
        AssertValid(StatementWith("result", $$"""{ "score": {{score}} }"""));
    }

    [Theory]
    [InlineData("""{ "scaled": 1.01 }""", "statement.result.score.scaled", "must be between -1 and 1 inclusive")]
    [InlineData("""{ "scaled": -1.5 }""", "statement.result.score.scaled", "must be between -1 and 1 inclusive")]
    [InlineData("""{ "scaled": "0.5" }""", "statement.result.score.scaled", "must be a number, not a string")]
    [InlineData("""{ "raw": 101, "max": 100 }""", "statement.result.score.raw", "must not be greater than max")]
    [InlineData("""{ "raw": -1, "min": 0 }""", "statement.result.score.raw", "must not be less than min")]
    [InlineData("""{ "min": 10, "max": 10 }""", "statement.result.score.max", "must be greater than min")]
    [InlineData("""{ "min": 10, "max": 5 }""", "statement.result.score.max", "must be greater than min")]
    [InlineData("""{ "raw": 1e400 }""", "statement.result.score.raw", "must be a finite number")]
    [InlineData("""{ "min": null }""", "statement.result.score.min", "must not be null")]
    [InlineData("""{ "max": true }""", "statement.result.score.max", "must be a number, not a boolean")]
    [InlineData("""{ "percent": 50 }""", "statement.result.score.percent", "is not a property of a score")]
    [InlineData("""{ "Scaled": 0.5 }""", "statement.result.score.Scaled", "is not a property of a score (property names are case-sensitive: did you mean \"scaled\"?)")]
    [InlineData("0.5", "statement.result.score", "must be a score object, not a number")]
    public void Validate_InvalidScore_Rejected(string score, string path, string message)
    {
        // Data §2.4.5.1 and §2.2: numbers, not strings; scaled in [-1, 1]; min < max; min <= raw <= max.
        Assert.Equal(message, AssertError(StatementWith("result", $$"""{ "score": {{score}} }"""), path));
    }

    [Theory]
    [InlineData("""{ "success": "true" }""", "statement.result.success", "must be a boolean (true or false), not a string")]
    [InlineData("""{ "completion": 1 }""", "statement.result.completion", "must be a boolean (true or false), not a number")]
    [InlineData("""{ "completion": null }""", "statement.result.completion", "must not be null")]
    [InlineData("""{ "response": 42 }""", "statement.result.response", "must be a string, not a number")]
    [InlineData("""{ "extensions": { "attempts": 3 } }""", "statement.result.extensions.attempts", "is not a valid extension key; extension keys must be IRIs with a scheme")]
    [InlineData("""{ "extensions": "x" }""", "statement.result.extensions", "must be an extensions object, not a string")]
    [InlineData("""{ "Success": true }""", "statement.result.Success", "is not a property of a result (property names are case-sensitive: did you mean \"success\"?)")]
    [InlineData("""{ "grade": "A" }""", "statement.result.grade", "is not a property of a result")]
    [InlineData("true", "statement.result", "must be a result object, not a boolean")]
    public void Validate_InvalidResultProperty_Rejected(string result, string path, string message)
    {
        // Data §2.4.5 and §2.2: booleans must be booleans, not strings or numbers.
        Assert.Equal(message, AssertError(StatementWith("result", result), path));
    }

    [Theory]
    [InlineData("PT1H0M0S")]
    [InlineData("PT1234S")]
    [InlineData("PT0.5S")]
    [InlineData("PT0,5S")]
    [InlineData("P1D")]
    [InlineData("P3Y")]
    [InlineData("P4W")]
    [InlineData("P1.5W")]
    [InlineData("P3Y1M29DT4H35M59.14S")]
    [InlineData("PT16559.14S")]
    [InlineData("P1M")]
    [InlineData("PT1M")]
    [InlineData("P0D")]
    [InlineData("P1DT12H")]
    [InlineData("PT1.5H")]
    public void Validate_Iso8601Duration_IsValid(string duration)
    {
        // Data §4.6: ISO 8601:2004 §4.4.3.2 durations, including the spec's own examples.
        AssertValid(StatementWith("result", $$"""{ "duration": "{{duration}}" }"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("1H")]
    [InlineData("pt1h")]
    [InlineData("P1DT")]
    [InlineData("P4W1D")]
    [InlineData("P1D4W")]
    [InlineData("PT1S1M")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1M1Y")]
    [InlineData("PT1.5H30M")]
    [InlineData("PT.5S")]
    [InlineData("PT5.S")]
    [InlineData("PT1HM")]
    [InlineData("-PT1H")]
    [InlineData("P0003-02-01T04:05:06")]
    [InlineData("PT1H TT")]
    [InlineData("PT1HT2M")]
    [InlineData("P1W2")]
    [InlineData("90 minutes")]
    public void Validate_DurationNotIso8601_Rejected(string duration)
    {
        // Data §4.6: Duration MUST use the ISO 8601 format; the alternative format MUST NOT be used.
        AssertError(StatementWith("result", $$"""{ "duration": "{{duration}}" }"""), "statement.result.duration");
    }

    [Fact]
    public void Validate_DurationNumber_Rejected()
    {
        // Data §2.2: a number where a Duration string is required.
        Assert.Equal("must be a string, not a number", AssertError(StatementWith("result", """{ "duration": 60 }"""), "statement.result.duration"));
    }
}
