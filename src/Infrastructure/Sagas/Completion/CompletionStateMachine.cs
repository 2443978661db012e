using Lrs.Application.Events.Contracts;
using MassTransit;

namespace Lrs.Infrastructure.Sagas.Completion;

/// <summary>
/// Completion saga (DESIGN: recorded → published → acknowledged by certification, with timeout and retry). The relay
/// has published the completion when it arrives here; the saga waits for the certificate, publishes the completion
/// again (same message id, so certification's inbox drops it if it did see it) when none came in time, and after
/// <see cref="CompletionSagaOptions.MaxPublications"/> flags it for an admin. Repeats of either event change nothing.
/// </summary>
public sealed class CompletionStateMachine : MassTransitStateMachine<CompletionState>
{
    public const string SagaType = "completion";

    public CompletionStateMachine(CompletionSagaOptions options, TimeProvider time)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Recorded, e => e.CorrelateById(c => c.MessageId ?? throw new InvalidOperationException("A completion event needs a message id.")));
        Event(() => Issued, e => e.CorrelateById(c => c.Message.CompletionMessageId));
        Event(() => Overdue, e =>
        {
            e.CorrelateById(c => c.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(Recorded)
                .Then(c =>
                {
                    Record(c.Saga, c.Message, time.GetUtcNow());
                    c.Saga.DueAt = c.Saga.RecordedAt + options.Timeout;
                })
                .TransitionTo(AwaitingCertificate),
            // Certification heard the relay's publish before this endpoint did: the certificate may come first.
            When(Issued)
                .Then(c =>
                {
                    c.Saga.TenantId = c.Message.TenantId;
                    c.Saga.LearnerKey = c.Message.LearnerKey;
                    c.Saga.ActivityId = c.Message.ActivityId;
                    c.Saga.Registration = c.Message.Registration;
                    c.Saga.CertificateId = c.Message.CertificateId;
                    c.Saga.AcknowledgedAt = time.GetUtcNow();
                })
                .TransitionTo(Acknowledged));

        During(Acknowledged, When(Recorded, c => c.Saga.Publications == 0).Then(c => Record(c.Saga, c.Message, time.GetUtcNow())));

        During(AwaitingCertificate, Flagged,
            When(Issued)
                .Then(c =>
                {
                    c.Saga.CertificateId = c.Message.CertificateId;
                    c.Saga.AcknowledgedAt = time.GetUtcNow();
                    c.Saga.DueAt = null;
                })
                .TransitionTo(Acknowledged));

        During(AwaitingCertificate,
            When(Overdue, c => c.Saga.DueAt == c.Message.DueAt && c.Saga.Publications < options.MaxPublications)
                .Then(c =>
                {
                    c.Saga.Publications++;
                    c.Saga.DueAt = time.GetUtcNow() + options.Timeout;
                })
                .ThenAsync(c => c.Publish(Republished(c.Saga), p => p.MessageId = c.Saga.CorrelationId)),
            When(Overdue, c => c.Saga.DueAt == c.Message.DueAt && c.Saga.Publications >= options.MaxPublications)
                .Then(c =>
                {
                    c.Saga.FlaggedAt = time.GetUtcNow();
                    c.Saga.DueAt = null;
                })
                .TransitionTo(Flagged));

        // Repeats: the relay publishing again after a restart, a second certificate, an overdue notice already acted on.
        During(AwaitingCertificate, Flagged, Ignore(Recorded));
        During(Acknowledged, When(Recorded, c => c.Saga.Publications > 0));
        During(Acknowledged, Ignore(Issued));
        During(Flagged, Acknowledged, Ignore(Overdue));
    }

    public State AwaitingCertificate { get; private set; } = null!;

    public State Acknowledged { get; private set; } = null!;

    public State Flagged { get; private set; } = null!;

    public Event<CompletionRecorded> Recorded { get; private set; } = null!;

    public Event<CertificateIssued> Issued { get; private set; } = null!;

    public Event<CompletionAcknowledgementOverdue> Overdue { get; private set; } = null!;

    private static void Record(CompletionState saga, CompletionRecorded m, DateTimeOffset now)
    {
        saga.TenantId = m.TenantId;
        saga.LearnerKey = m.LearnerKey;
        saga.ActivityId = m.ActivityId;
        saga.Registration = m.Registration;
        saga.CompletedAt = m.CompletedAt;
        saga.StatementId = m.StatementId;
        saga.PassFail = m.PassFail;
        saga.Publications = 1;
        saga.RecordedAt = now;
    }

    private static CompletionRecorded Republished(CompletionState s) => new()
    {
        TenantId = s.TenantId,
        LearnerKey = s.LearnerKey,
        ActivityId = s.ActivityId,
        Registration = s.Registration,
        CompletedAt = s.CompletedAt,
        StatementId = s.StatementId,
        PassFail = s.PassFail,
    };
}
