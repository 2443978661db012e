using System.Text.Json.Nodes;
using Lrs.Application.Common;

namespace Lrs.Application.Statements.Attachments;

/// <summary>Matches the attachment objects of a request's statements to the attachment data it carries (Communication §1.5.2).</summary>
public static class StatementAttachments
{
    /// <summary>
    /// The attachment objects of a statement: its own and, as Data §2.4.11 allows, its SubStatement's.
    /// </summary>
    public static IEnumerable<JsonObject> Declared(JsonObject statement)
    {
        var sub = statement["object"] is JsonObject target && target["objectType"]?.GetValue<string>() == "SubStatement" ? target : null;
        foreach (var owner in sub is null ? [statement] : new[] { statement, sub })
        {
            if (owner["attachments"] is JsonArray attachments)
            {
                foreach (var attachment in attachments.OfType<JsonObject>())
                {
                    yield return attachment;
                }
            }
        }
    }

    public static string Sha2(JsonObject attachment) => attachment["sha2"]!.GetValue<string>().ToLowerInvariant();

    /// <summary>
    /// For each statement, the attachment data it references. <paramref name="parts"/> is null for an
    /// <c>application/json</c> request, which must give a fileUrl for every attachment; a <c>multipart/mixed</c>
    /// request must carry a part for every attachment without fileUrl, and no part that no statement declares.
    /// </summary>
    public static XapiResult<IReadOnlyList<AttachmentPayload>[]> Match(IReadOnlyList<JsonObject> statements, IReadOnlyList<AttachmentPayload>? parts)
    {
        var received = (parts ?? []).DistinctBy(p => p.Sha2).ToDictionary(p => p.Sha2, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new IReadOnlyList<AttachmentPayload>[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var mine = new List<AttachmentPayload>();
            foreach (var attachment in Declared(statements[i]))
            {
                var sha2 = Sha2(attachment);
                if (received.TryGetValue(sha2, out var part))
                {
                    used.Add(sha2);
                    var contentType = part.ContentType.Length > 0 ? part.ContentType : attachment["contentType"]!.GetValue<string>();
                    mine.Add(part with { ContentType = contentType });
                }
                else if (attachment["fileUrl"] is null)
                {
                    return XapiError.BadRequest(parts is null
                        ? $"Statement {i}: the attachment with sha2 '{sha2}' has no fileUrl; send its data as a multipart/mixed part (Communication §1.5.2)."
                        : $"Statement {i}: the attachment with sha2 '{sha2}' has neither a fileUrl nor a part with that X-Experience-API-Hash (Communication §1.5.2).");
                }
            }

            result[i] = mine.DistinctBy(p => p.Sha2).ToList();
        }

        if (received.Keys.FirstOrDefault(h => !used.Contains(h)) is { } extra)
        {
            return XapiError.BadRequest($"The part with X-Experience-API-Hash '{extra}' matches no attachment of the statements (Communication §1.5.2).");
        }

        return result;
    }
}
