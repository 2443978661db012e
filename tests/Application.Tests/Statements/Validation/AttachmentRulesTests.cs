using System.Text.Json.Nodes;
using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>Attachment metadata: Data §2.4.11 and the signature attachment of §2.6.</summary>
public sealed class AttachmentRulesTests
{
    private const string Attachment = """
        {
            "usageType": "http://example.com/attachment-usage/test",
            "display": { "en-US": "A test attachment" },
            "description": { "en-US": "A test attachment (description)" },
            "contentType": "text/plain; charset=ascii",
            "length": 27,
            "sha2": "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a",
            "fileUrl": "http://example.com/files/test.txt"
        }
        """;

    private static JsonObject WithAttachment(Action<JsonObject> change)
    {
        var attachment = Parse(Attachment).AsObject();
        change(attachment);
        return Statement(s => s["attachments"] = new JsonArray(attachment));
    }

    [Fact]
    public void Validate_AttachmentWithEveryProperty_IsValid()
    {
        // Data §2.4.11: all attachment properties.
        AssertValid(WithAttachment(_ => { }));
    }

    [Fact]
    public void Validate_EmptyAttachmentsArray_IsValid()
    {
        // Data §2.4.11: attachments is an array, possibly empty.
        AssertValid(StatementWith("attachments", "[]"));
    }

    [Theory]
    [InlineData("usageType")]
    [InlineData("display")]
    [InlineData("contentType")]
    [InlineData("length")]
    [InlineData("sha2")]
    public void Validate_AttachmentMissingRequired_Rejected(string property)
    {
        // Data §2.4.11: usageType, display, contentType, length and sha2 are required.
        Assert.Equal("is required", AssertError(WithAttachment(a => a.Remove(property)), $"statement.attachments[0].{property}"));
    }

    [Theory]
    [InlineData("description")]
    [InlineData("fileUrl")]
    public void Validate_AttachmentWithoutOptional_IsValid(string property)
    {
        // Data §2.4.11: description and fileUrl are optional.
        AssertValid(WithAttachment(a => a.Remove(property)));
    }

    [Theory]
    [InlineData("usageType", "\"test\"")]
    [InlineData("usageType", "\"\"")]
    [InlineData("display", "\"A test attachment\"")]
    [InlineData("description", "\"A description\"")]
    [InlineData("contentType", "\"text\"")]
    [InlineData("contentType", "\"\"")]
    [InlineData("contentType", "7")]
    [InlineData("length", "\"27\"")]
    [InlineData("length", "27.5")]
    [InlineData("length", "-1")]
    [InlineData("length", "null")]
    [InlineData("sha2", "\"not-a-hash\"")]
    [InlineData("sha2", "\"495395e777cd98da653df9615d09c0fd\"")]
    [InlineData("sha2", "\"\"")]
    [InlineData("fileUrl", "\"files/test.txt\"")]
    [InlineData("fileURL", "\"http://example.com/files/test.txt\"")]
    [InlineData("payload", "\"aGVsbG8=\"")]
    public void Validate_InvalidAttachmentProperty_Rejected(string property, string value)
    {
        // Data §2.4.11: usageType IRI, display/description language maps, contentType media type, length integer, sha2, fileUrl IRL.
        AssertError(WithAttachment(a => a[property] = Parse(value)), $"statement.attachments[0].{property}");
    }

    [Theory]
    [InlineData("length", "27.0")]
    [InlineData("length", "0")]
    [InlineData("sha2", "\"672FA5FA658017F1B72D65036F13379C6AB05D4AB3B6664908D8ACF0B6A0C634\"")]
    [InlineData("contentType", "\"application/vnd.openxmlformats-officedocument.wordprocessingml.document\"")]
    [InlineData("contentType", "\"multipart/mixed; boundary=\\\"abc\\\"\"")]
    public void Validate_AttachmentEdgeValues_IsValid(string property, string value)
    {
        // Data §2.4.11: whole-number lengths, upper-case hex and parameterised media types are acceptable.
        AssertValid(WithAttachment(a => a[property] = Parse(value)));
    }

    [Fact]
    public void Validate_SignatureAttachmentWithOtherContentType_Rejected()
    {
        // Data §2.6: a signature attachment has usageType .../signature and contentType application/octet-stream.
        var statement = WithAttachment(a =>
        {
            a["usageType"] = "http://adlnet.gov/expapi/attachments/signature";
            a["contentType"] = "application/jose";
        });
        Assert.Contains("application/octet-stream", AssertError(statement, "statement.attachments[0].contentType"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    public void Validate_AttachmentsNotArray_Rejected(string value)
    {
        // Data §2.4 and §2.2: attachments is an ordered array of Attachment objects.
        AssertError(StatementWith("attachments", value), "statement.attachments");
    }

    [Fact]
    public void Validate_AttachmentNotObject_Rejected()
    {
        // Data §2.4.11: each attachment is an Attachment object.
        AssertError(StatementWith("attachments", "[\"file.txt\"]"), "statement.attachments[0]");
    }
}
