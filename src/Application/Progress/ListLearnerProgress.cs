using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Lrs.Application.Common;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Progress;

/// <summary>
/// One page of a learner's attempts, completion records or pass/fail records. <paramref name="Agent"/> is the learner
/// as an xAPI Agent in JSON; <paramref name="Activity"/> narrows attempts to one activity; <paramref name="Cursor"/> is
/// the previous page's <c>Next</c>.
/// </summary>
public sealed record ListLearnerProgress(Guid TenantId, string? Agent, string? Activity, string? Cursor, int? Limit);

/// <summary>A page of progress rows and the cursor of the next page, null on the last.</summary>
public sealed record ProgressPage<T>(IReadOnlyList<T> Items, string? Next);

public sealed class ListAttemptsHandler(IProgressReader reader)
{
    public Task<XapiResult<ProgressPage<AttemptView>>> HandleAsync(ListLearnerProgress query, CancellationToken ct) =>
        LearnerProgressPaging.PageAsync(query, (agent, after, limit) =>
            reader.AttemptsPageAsync(query.TenantId, agent, query.Activity, after, limit, ct), a => new(a.ActivityId, a.Registration, a.Number));
}

public sealed class ListCompletionsHandler(IProgressReader reader)
{
    public Task<XapiResult<ProgressPage<CompletionView>>> HandleAsync(ListLearnerProgress query, CancellationToken ct) =>
        LearnerProgressPaging.PageAsync(query, (agent, after, limit) =>
            reader.CompletionsPageAsync(query.TenantId, agent, after, limit, ct), c => new(c.ActivityId, c.Registration, 0));
}

public sealed class ListPassFailHandler(IProgressReader reader)
{
    public Task<XapiResult<ProgressPage<PassFailView>>> HandleAsync(ListLearnerProgress query, CancellationToken ct) =>
        LearnerProgressPaging.PageAsync(query, (agent, after, limit) =>
            reader.PassFailPageAsync(query.TenantId, agent, after, limit, ct), p => new(p.ActivityId, p.Registration, 0));
}

/// <summary>Validation and opaque keyset cursors shared by the learner progress lists.</summary>
public static class LearnerProgressPaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string CursorPrefix = "p1:";

    internal static async Task<XapiResult<ProgressPage<T>>> PageAsync<T>(
        ListLearnerProgress query, Func<string, ProgressPosition?, int, Task<IReadOnlyList<T>>> read, Func<T, ProgressPosition> position)
    {
        if (query.Agent is not { } json)
        {
            return XapiError.BadRequest("The agent parameter is required: the learner as an xAPI Agent, e.g. {\"mbox\":\"mailto:ann@example.com\"}.");
        }

        if (!XapiParameters.TryParseAgent(json, out var identity, out var error))
        {
            return XapiError.BadRequest($"Parameter 'agent' is not a valid Agent: {error}");
        }

        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return XapiError.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}.");
        }

        ProgressPosition? after = null;
        if (!string.IsNullOrEmpty(query.Cursor) && !TryDecode(query.Cursor, out after))
        {
            return XapiError.BadRequest("cursor is not one this LRS issued; use the next link of the previous page.");
        }

        // One row more than asked tells whether there is a next page without a count.
        var rows = await read(identity.Key, after, limit + 1);
        var page = rows.Take(limit).ToList();
        return new ProgressPage<T>(page, rows.Count > limit ? Encode(position(page[^1])) : null);
    }

    // Opaque to clients: the last row's key, versioned and base64url-encoded. Activity IRIs hold no line breaks.
    private static string Encode(ProgressPosition p) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{CursorPrefix}{p.Registration?.ToString("D") ?? string.Empty}\n{p.Number.ToString(CultureInfo.InvariantCulture)}\n{p.ActivityId}"));

    private static bool TryDecode(string cursor, out ProgressPosition? after)
    {
        after = null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.StartsWith(CursorPrefix, StringComparison.Ordinal) ? text[CursorPrefix.Length..].Split('\n', 3) : [];
            if (parts.Length == 3 && parts[2].Length > 0
                && (parts[0].Length == 0 || Guid.TryParseExact(parts[0], "D", out _))
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                after = new ProgressPosition(parts[2], parts[0].Length == 0 ? null : Guid.ParseExact(parts[0], "D"), number);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
