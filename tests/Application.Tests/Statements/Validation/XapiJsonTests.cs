using System.Text;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Tests.Statements.Validation;

public sealed class XapiJsonTests
{
    [Fact]
    public void Parse_WellFormedObject_ReturnsNode()
    {
        // Data §2.2: statements are JSON; well-formed input parses.
        var node = XapiJson.Parse("""{ "a": [1, "two", null] }""");
        Assert.Equal("two", node!["a"]![1]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Utf8Bytes_ReturnsNode()
    {
        // Data §2.2: request bodies arrive as UTF-8 bytes.
        var node = XapiJson.Parse(Encoding.UTF8.GetBytes("""{ "name": "Zoë" }"""));
        Assert.Equal("Zoë", node!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_DuplicateProperty_ThrowsWithLineAndPosition()
    {
        // Data §2.2: a Statement MUST use each property no more than one time.
        var ex = Assert.Throws<XapiJsonException>(() => XapiJson.Parse("{\n  \"actor\": {},\n  \"actor\": {}\n}"));
        Assert.StartsWith("Malformed JSON at line 3, position 3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"actor\" appears more than once", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
        Assert.Equal(3, ex.Position);
    }

    [Fact]
    public void Parse_NestedDuplicatePropertyInUtf8_Throws()
    {
        // Data §2.2: duplicates are refused at any depth, not only at the top.
        var ex = Assert.Throws<XapiJsonException>(() => XapiJson.Parse(Encoding.UTF8.GetBytes("""{"a":[{"b":1,"b":2}]}""")));
        Assert.Contains("\"b\" appears more than once", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Theory]
    [InlineData("""{"a":[1,"two"]}""", "JsonObject")]
    [InlineData("""[{"a":1}]""", "JsonArray")]
    [InlineData("\"text\"", "JsonValue")]
    [InlineData("null", null)]
    public void ParseDocument_EachKindOfRoot_ReadsTheBufferInPlace(string json, string? kind)
    {
        // Data §2.2: the same strict parse as Parse, over a buffer the caller owns.
        var (document, root) = XapiJson.ParseDocument(Encoding.UTF8.GetBytes(json));
        using (document)
        {
            Assert.Equal(kind, root is null ? null : root is System.Text.Json.Nodes.JsonValue ? "JsonValue" : root.GetType().Name);
            Assert.Equal(json, root?.ToJsonString() ?? "null");
        }
    }

    [Fact]
    public void ParseDocument_DuplicateProperty_ThrowsWithLineAndPosition()
    {
        // Data §2.2: a Statement MUST use each property no more than one time.
        var ex = Assert.Throws<XapiJsonException>(() => XapiJson.ParseDocument(Encoding.UTF8.GetBytes("{\n\"a\": 1,\n\"a\": 2}")));
        Assert.StartsWith("Malformed JSON at line 3, position 1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDocument_Truncated_ThrowsWithLocation()
    {
        // Communication §3.2: malformed requests are rejected with a message saying where.
        var ex = Assert.Throws<XapiJsonException>(() => XapiJson.ParseDocument(Encoding.UTF8.GetBytes("{\"a\":1")));
        Assert.StartsWith("Malformed JSON at line 1, position 7: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameNameInSiblingObjects_IsAllowed()
    {
        // Data §2.2: the once-only rule is per object, not per document.
        Assert.NotNull(XapiJson.Parse("""{"a":{"id":1},"b":{"id":2}}"""));
    }

    [Theory]
    [InlineData("{\"a\": tru}", 1, 10)]
    [InlineData("[1,]", 1, 4)]
    [InlineData("{\n\"a\": 1 // note\n}", 2, 8)]
    [InlineData("{\"a\":1", 1, 7)]
    public void Parse_Malformed_ThrowsWithLocation(string json, long line, long position)
    {
        // Communication §3.2: malformed requests are rejected with a message saying where.
        var ex = Assert.Throws<XapiJsonException>(() => XapiJson.Parse(json));
        Assert.StartsWith($"Malformed JSON at line {line}, position {position}: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyText_Throws()
    {
        // Communication §3.2: an empty body is not a statement.
        Assert.Throws<XapiJsonException>(() => XapiJson.Parse(string.Empty));
    }

    [Fact]
    public void Parse_TooDeep_Throws()
    {
        // Data §2.2: bounded nesting keeps hostile bodies cheap to reject.
        var deep = new string('[', XapiJson.MaxDepth + 1) + new string(']', XapiJson.MaxDepth + 1);
        var ex = Assert.Throws<XapiJsonException>(() => XapiJson.Parse(deep));
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_JsonNull_ReturnsNull()
    {
        // Data §2.2: a bare null parses; the validator then rejects it.
        Assert.Null(XapiJson.Parse("null"));
    }
}
