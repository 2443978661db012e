namespace Lrs.Infrastructure.Messaging;

/// <summary>Configuration section <c>Lrs:Relay</c>.</summary>
public sealed class RelayOptions
{
    /// <summary>How often the <c>relay</c> role looks for unpublished outbox rows and statements.</summary>
    public int PollMilliseconds { get; init; } = 200;

    /// <summary>Most outbox rows (per tenant) and statements read per round.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long one publish may wait for the broker's confirmation before it counts as failed.</summary>
    public int PublishTimeoutSeconds { get; init; } = 10;

    /// <summary>Longest wait before a failed message is tried again (the wait doubles per failure up to this).</summary>
    public int MaxBackoffSeconds { get; init; } = 30;

    /// <summary>
    /// How long a published outbox row is kept (0: for ever). While it is kept, a rebuild that derives the same fact again
    /// does not queue it again; after, the fact's event is published again under its original id.
    /// </summary>
    public int RetainSentHours { get; init; } = 720;

    /// <summary>How long consumers' inbox entries are kept (0: for ever): a message redelivered later than this is handled again.</summary>
    public int RetainHandledHours { get; init; } = 720;
}

/// <summary>Configuration section <c>Lrs:Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Secret key of the agents' pseudonyms in the analytics firehose; the firehose is off without one.</summary>
    public string? PseudonymKey { get; init; }

    public static AnalyticsOptions Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var key = configuration["Lrs:Analytics:PseudonymKey"];
        return key is { Length: > 0 and < 16 }
            ? throw new InvalidOperationException("Lrs:Analytics:PseudonymKey must be at least 16 characters long.")
            : new AnalyticsOptions { PseudonymKey = string.IsNullOrEmpty(key) ? null : key };
    }
}
