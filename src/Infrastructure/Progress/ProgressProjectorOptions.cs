namespace Lrs.Infrastructure.Progress;

/// <summary>Settings of the progress projector (configuration section <c>Lrs:Projector</c>).</summary>
public sealed class ProgressProjectorOptions
{
    /// <summary>Most statements read from the ledger per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Pause between polls when the projector has caught up.</summary>
    public int PollMilliseconds { get; set; } = 500;
}
