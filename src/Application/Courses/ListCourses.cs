using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Lrs.Application.Common;

namespace Lrs.Application.Courses;

/// <summary>One page of a tenant's courses, ordered by id. <paramref name="Cursor"/> is the previous page's <c>Next</c>.</summary>
public sealed record ListCourses(Guid TenantId, string? Cursor, int? Limit);

/// <summary>A page of courses and the cursor of the next page, null on the last.</summary>
public sealed record CoursePage(IReadOnlyList<CourseDocument> Courses, string? Next);

public sealed class ListCoursesHandler(ICourseStore store)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string CursorPrefix = "c1:";

    public async Task<XapiResult<CoursePage>> HandleAsync(ListCourses query, CancellationToken ct)
    {
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return XapiError.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}.");
        }

        string? after = null;
        if (!string.IsNullOrEmpty(query.Cursor) && !TryDecode(query.Cursor, out after))
        {
            return XapiError.BadRequest("cursor is not one this LRS issued; use the next link of the previous page.");
        }

        // One row more than asked tells whether there is a next page without a count.
        var rows = await store.ListAsync(query.TenantId, after, limit + 1, ct);
        var page = rows.Take(limit).Select(r => JsonSerializer.Deserialize<CourseDocument>(r.Document, CourseDocument.Json)!).ToList();
        return new CoursePage(page, rows.Count > limit ? Encode(rows[limit - 1].Id) : null);
    }

    // Opaque to clients: the last id of the page, versioned and base64url-encoded.
    private static string Encode(string lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CursorPrefix + lastId));

    private static bool TryDecode(string cursor, out string? after)
    {
        after = null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && text.Length > CursorPrefix.Length)
            {
                after = text[CursorPrefix.Length..];
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
