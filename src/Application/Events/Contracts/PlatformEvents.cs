using System.Text.Json;

namespace Lrs.Application.Events.Contracts;

/// <summary>An erasure of a learner's personal data was requested (starts the GDPR saga).</summary>
[MessageName("gdpr.erasure.requested.v1")]
public sealed record ErasureRequested : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid ErasureId { get; init; }

    /// <summary>The learner's identifier key.</summary>
    public required string LearnerKey { get; init; }

    public string? RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}

/// <summary>The certification service's reply to <see cref="CompletionRecorded"/>.</summary>
[MessageName("certification.certificate.issued.v1")]
public sealed record CertificateIssued : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid CertificateId { get; init; }

    /// <summary>The message id of the <c>progress.completion.recorded.v1</c> this certificate answers.</summary>
    public required Guid CompletionMessageId { get; init; }

    public required string LearnerKey { get; init; }

    public required string ActivityId { get; init; }

    public Guid? Registration { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }
}

/// <summary>
/// The analytics firehose (seed 000 §3, seed 001 G5): every stored statement with every agent pseudonymised by a
/// keyed hash, so no name, mbox, mbox_sha1sum, openid or account leaves the LRS.
/// </summary>
[MessageName("analytics.statement.forwarded.v1")]
public sealed record StatementForwarded : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid StatementId { get; init; }

    public required long Seq { get; init; }

    /// <summary>The statement as stored, agents replaced by <c>{"objectType":…,"pseudonym":"hex"}</c>.</summary>
    public required JsonElement Statement { get; init; }
}
