namespace Lrs.Infrastructure.Progress;

/// <summary>Settings of the progress projector (configuration section <c>Lrs:Projector</c>).</summary>
public sealed class ProgressProjectorOptions
{
    public const string Attempts = "attempts";
    public const string Learners = "learners";
    public const string Transcripts = "transcripts";

    /// <summary>Most statements read from the ledger per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Pause between polls when the projector has caught up.</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>
    /// The stages this process runs, comma-separated: <c>attempts</c>, <c>learners</c>, <c>transcripts</c> (all by default). The
    /// learners stage follows the attempts stage's checkpoint, so a process running it alone waits for one running attempts.
    /// </summary>
    public string Stages { get; set; } = $"{Attempts},{Learners},{Transcripts}";

    /// <summary>The stages named by <see cref="Stages"/>; throws on a name that is none of them.</summary>
    public IReadOnlySet<string> StageNames()
    {
        var names = Stages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(n => n is not (Attempts or Learners or Transcripts)) is { } unknown)
        {
            throw new InvalidOperationException(
                $"Lrs:Projector:Stages names an unknown stage '{unknown}'; the stages are {Attempts}, {Learners} and {Transcripts}.");
        }

        return names;
    }
}
