using Lrs.Application.Transcripts;
using Lrs.Infrastructure.Progress;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>
/// Transcripts from the transcript projection (docs/decisions/0018): the learner's rows, which fold their statements up to the
/// projection's checkpoint, and then the learner's statements past it, read in one snapshot. A transcript is therefore as
/// current as the ledger, however far the projector is behind; the further behind, the more statements it reads. When a
/// statement the rows hold has been voided since, the rows are set aside and all of the learner's statements read instead.
/// </summary>
public sealed class ProjectedTranscriptSource(ProgressStore store, TimeProvider time) : ITranscriptSource
{
    public async Task<Transcript?> LoadAsync(Guid tenantId, string agentKey, string? displayName, CancellationToken ct)
    {
        var transcript = new StatementTranscript(agentKey);
        await using (var session = await store.BeginSnapshotAsync(ct))
        {
            await session.UseTenantAsync(tenantId, ct);
            var checkpoint = await session.CheckpointAsync(ProgressProjector.TranscriptProjection, ct);
            if (await TranscriptRows.VoidedSinceAsync(session, tenantId, agentKey, checkpoint, ct))
            {
                checkpoint = 0;
            }
            else
            {
                foreach (var key in await TranscriptRows.LearnerAsync(session, tenantId, agentKey, ct))
                {
                    transcript.Load(key);
                }
            }

            foreach (var row in await TranscriptRows.LedgerAsync(session, tenantId, agentKey, checkpoint, null, ct))
            {
                transcript.Add(row.Payload, row.Stored, row.Seq);
            }

            await session.CommitAsync(ct);
        }

        return transcript.Build(displayName, time.GetUtcNow());
    }
}
