namespace Lrs.Infrastructure.Sagas.Completion;

/// <summary>
/// One <c>progress.completion.recorded.v1</c> on its way to certification. The correlation id is the completion
/// message's id, which the projector derives from the completion fact, so a repeat of the event finds this instance.
/// </summary>
public sealed class CompletionState : IPersistedSaga
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public Guid TenantId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public string LearnerKey { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public Guid? Registration { get; set; }

    public DateTimeOffset CompletedAt { get; set; }

    public Guid StatementId { get; set; }

    public string? PassFail { get; set; }

    /// <summary>Times the completion was published to certification: the relay's publish, then each republish.</summary>
    public int Publications { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? CertificateId { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>When the saga gave up waiting and flagged the completion for an admin.</summary>
    public DateTimeOffset? FlaggedAt { get; set; }
}

/// <summary>Configuration section <c>Lrs:Completion</c>.</summary>
public sealed class CompletionSagaOptions
{
    /// <summary>How long to wait for <c>certification.certificate.issued.v1</c> before publishing the completion again.</summary>
    public int AcknowledgementTimeoutSeconds { get; set; } = 300;

    /// <summary>Publications in all (the first included); after the last one times out the completion is flagged.</summary>
    public int MaxPublications { get; set; } = 3;

    /// <summary>How often due instances are looked for.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    public TimeSpan Timeout => TimeSpan.FromSeconds(AcknowledgementTimeoutSeconds);
}

/// <summary>Sent by <see cref="SagaTimeouts{TSaga}"/> when an instance's due time has passed; it names the due time it saw.</summary>
public sealed record CompletionAcknowledgementOverdue(Guid CorrelationId, DateTimeOffset DueAt);
