using System.Globalization;
using Lrs.Application.Common;

namespace Lrs.Application.Erasure;

public sealed record ListErasures(Guid TenantId, string? Cursor, int? Limit);

public sealed record ErasurePage(IReadOnlyList<ErasureView> Items, string? Next);

/// <summary>A tenant's erasure requests, newest first, by keyset cursor (<c>requestedAt|id</c>, base64url).</summary>
public sealed class ListErasuresHandler(IErasureStore store)
{
    public async Task<XapiResult<ErasurePage>> HandleAsync(ListErasures query, CancellationToken ct)
    {
        var limit = query.Limit ?? 50;
        if (limit is < 1 or > 200)
        {
            return XapiError.BadRequest("limit must be a whole number between 1 and 200.");
        }

        (DateTimeOffset, Guid)? after = null;
        if (query.Cursor is not null)
        {
            if (!TryDecode(query.Cursor, out var position))
            {
                return XapiError.BadRequest("cursor is not one this API gave out; follow the 'next' link of the previous page.");
            }

            after = position;
        }

        var items = await store.ListAsync(query.TenantId, after, limit + 1, ct);
        var page = items.Take(limit).ToList();
        return new ErasurePage(page, items.Count > limit ? Encode(page[^1]) : null);
    }

    private static string Encode(ErasureView last) => Base64Url(
        last.RequestedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + last.Id.ToString("D"));

    private static string Base64Url(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string cursor, out (DateTimeOffset, Guid) position)
    {
        position = default;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && Guid.TryParse(parts[1], out var id))
            {
                position = (DateTimeOffset.FromUnixTimeMilliseconds(ms), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
