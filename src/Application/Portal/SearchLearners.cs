using Lrs.Application.Common;
using Lrs.Application.Progress;

namespace Lrs.Application.Portal;

/// <summary>Learners (agents statements are directly about) whose identifier contains <paramref name="Search"/>, by identifier.</summary>
public sealed record SearchLearners(Guid TenantId, string? Search, string? Cursor, int? Limit);

/// <summary>A learner: the identifier key (e.g. <c>mbox:mailto:ann@example.com</c>) and the xAPI Agent it stands for.</summary>
public sealed record LearnerSummary(string AgentKey, string AgentJson, string Display);

/// <summary>The learners a tenant's statements are about.</summary>
public interface ILearnerDirectory
{
    /// <summary>Up to <paramref name="limit"/> learner keys after <paramref name="afterKey"/> containing <paramref name="search"/> (case-insensitive).</summary>
    Task<IReadOnlyList<string>> SearchAsync(Guid tenantId, string? search, string? afterKey, int limit, CancellationToken ct);
}

public sealed class SearchLearnersHandler(ILearnerDirectory directory)
{
    public async Task<XapiResult<Page<LearnerSummary>>> HandleAsync(SearchLearners query, CancellationToken ct)
    {
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 1);
        if ((limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        var keys = await directory.SearchAsync(query.TenantId, Counted.Search(query.Search), after.Value!.FirstOrDefault(), limit.Value + 1, ct);
        var page = keys.Take(limit.Value).Select(k => new LearnerSummary(k, LearnerKeys.ToAgentJson(k), LearnerKeys.Display(k))).ToList();
        return new Page<LearnerSummary>(page, keys.Count > limit.Value ? PageCursor.Encode(page[^1].AgentKey) : null);
    }
}
