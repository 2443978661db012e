using Lrs.Application.Statements;
using Lrs.Application.Transcripts;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>
/// Transcripts read straight from the statement ledger: every statement naming the learner, in stored order,
/// page by page. Correct but linear in the learner's statements; a source over projected attempts can replace it.
/// </summary>
public sealed class StatementTranscriptSource(IStatementReader reader, TimeProvider time) : ITranscriptSource
{
    private const int PageSize = 1000;

    public async Task<Transcript?> LoadAsync(Guid tenantId, string agentKey, string? displayName, CancellationToken ct)
    {
        var transcript = new StatementTranscript(agentKey);
        StatementCursor? after = null;
        while (true)
        {
            var page = await reader.QueryAsync(new StatementFilter
            {
                TenantId = tenantId,
                AgentKey = agentKey,
                Ascending = true,
                After = after,
                Limit = PageSize,
            }, ct);
            foreach (var row in page)
            {
                transcript.Add(row.Json, row.Stored);
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = new StatementCursor(page[^1].Stored, page[^1].Seq);
        }

        return transcript.Build(displayName, time.GetUtcNow());
    }
}
