using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>Attachment metadata in a statement (Data §2.4.11) and the signature attachment's content type (Data §2.6).</summary>
internal static class AttachmentRules
{
    public const string SignatureUsageType = "http://adlnet.gov/expapi/attachments/signature";

    private static readonly string[] AttachmentKeys = ["usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"];

    public static void Validate(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Array(errors, path, node, "an array of attachment objects") is not { } attachments)
        {
            return;
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            Attachment(errors, $"{path}[{i}]", attachments[i]);
        }
    }

    private static void Attachment(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "an attachment object") is not { } attachment)
        {
            return;
        }

        bool usageType = false, display = false, contentType = false, length = false, sha2 = false;
        string? usage = null, mediaType = null;
        foreach (var (key, value) in attachment)
        {
            switch (key)
            {
                case "usageType":
                    usageType = true;
                    usage = Values.Iri(errors, path, "usageType", value);
                    break;
                case "display":
                    display = true;
                    Values.LanguageMap(errors, path, "display", value);
                    break;
                case "description":
                    Values.LanguageMap(errors, path, "description", value);
                    break;
                case "contentType":
                    contentType = true;
                    mediaType = Values.String(errors, path, "contentType", value);
                    if (mediaType is not null && !Formats.IsMediaType(mediaType))
                    {
                        errors.Add(path + ".contentType", "must be an Internet Media Type such as application/pdf");
                    }

                    break;
                case "length":
                    length = true;
                    if (Values.Integer(errors, path, "length", value) < 0)
                    {
                        errors.Add(path + ".length", "must not be negative");
                    }

                    break;
                case "sha2":
                    sha2 = true;
                    if (Values.String(errors, path, "sha2", value) is { } hash && !Formats.IsSha2Hex(hash))
                    {
                        errors.Add(path + ".sha2", "must be a hex-encoded SHA-2 hash (56, 64, 96 or 128 hexadecimal digits)");
                    }

                    break;
                case "fileUrl":
                    Values.Irl(errors, path, "fileUrl", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "an attachment", AttachmentKeys);
                    break;
            }
        }

        Values.Required(errors, path, "usageType", usageType);
        Values.Required(errors, path, "display", display);
        Values.Required(errors, path, "contentType", contentType);
        Values.Required(errors, path, "length", length);
        Values.Required(errors, path, "sha2", sha2);

        if (usage == SignatureUsageType && mediaType is not null && mediaType != "application/octet-stream")
        {
            errors.Add(path + ".contentType", "must be application/octet-stream for a signature attachment");
        }
    }
}
