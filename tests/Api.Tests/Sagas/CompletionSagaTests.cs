using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Events;
using Lrs.Api.Tests.Support;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Sagas;
using Lrs.Infrastructure.Sagas.Completion;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Sagas;

/// <summary>The LRS on PostgreSQL with its bus on RabbitMQ or in memory, and completion saga timings for tests.</summary>
public abstract class SagaLrsFactory(bool rabbitMq, int timeoutSeconds) : LrsFactory
{
    protected override string Provider => "Postgres";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Lrs:Completion:AcknowledgementTimeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Lrs:Completion:MaxPublications", "2");
        builder.UseSetting("Lrs:Completion:PollMilliseconds", "100");
        builder.UseSetting("Lrs:Relay:PollMilliseconds", "100");
        if (rabbitMq)
        {
            var broker = new Uri(Environment.GetEnvironmentVariable("LRS_TEST_RABBITMQ")
                ?? throw new InvalidOperationException("LRS_TEST_RABBITMQ is not set. Run the tests through build/test.sh, which starts RabbitMQ and sets it."));
            var user = broker.UserInfo.Split(':');
            builder.UseSetting("Lrs:Bus:Transport", "RabbitMq");
            builder.UseSetting("Lrs:Bus:RabbitMq:Host", broker.Host);
            builder.UseSetting("Lrs:Bus:RabbitMq:Port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Lrs:Bus:RabbitMq:Username", user[0]);
            builder.UseSetting("Lrs:Bus:RabbitMq:Password", user[1]);
        }
    }

    public override async Task InitializeAsync() => ConnectionString = await TestDatabases.CreatePostgresAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabases.DropPostgresAsync(ConnectionString);
    }
}

public sealed class RabbitMqSagaFactory() : SagaLrsFactory(rabbitMq: true, timeoutSeconds: 30);

public sealed class InMemorySagaFactory() : SagaLrsFactory(rabbitMq: false, timeoutSeconds: 1);

/// <summary>A certification service in the test: it answers each completion it receives with a certificate, unless told to stay silent.</summary>
internal sealed class Certification
{
    public ConcurrentBag<Guid> Received { get; } = [];

    /// <summary>Listens for the completions of <paramref name="tenant"/> only: the broker's exchanges are shared with other tests.</summary>
    public static async Task<(Certification Service, HostReceiveEndpointHandle Handle)> ConnectAsync(IServiceProvider services, Guid tenant, bool answer)
    {
        var certification = new Certification();
        var bus = services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint("test-certification-" + Guid.NewGuid().ToString("N")[..8], e =>
            e.Handler<CompletionRecorded>(async c =>
            {
                if (c.Message.TenantId != tenant)
                {
                    return;
                }

                certification.Received.Add(c.MessageId!.Value);
                if (answer)
                {
                    await c.Publish(new CertificateIssued
                    {
                        TenantId = c.Message.TenantId, CertificateId = Guid.NewGuid(), CompletionMessageId = c.MessageId!.Value,
                        LearnerKey = c.Message.LearnerKey, ActivityId = c.Message.ActivityId, Registration = c.Message.Registration,
                        IssuedAt = DateTimeOffset.UtcNow,
                    });
                }
            }));
        await handle.Ready;
        return (certification, handle);
    }
}

internal static class SagaWait
{
    public static async Task<CompletionState> ForAsync(IServiceProvider services, Guid tenant, Func<CompletionState, bool> condition, int seconds = 30)
    {
        var store = services.GetRequiredService<SagaStore<CompletionState>>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = (await store.ListAsync(tenant, null, CancellationToken.None)).FirstOrDefault(condition);
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "No completion saga reached the expected state.");
            await Task.Delay(100);
        }
    }

    public static JsonObject Passed(JsonObject actor, string activity)
    {
        var statement = Statement(actor, ProgressVerbs.Passed, activity);
        statement["result"] = new JsonObject { ["success"] = true, ["completion"] = true };
        return statement;
    }
}

[Collection(BrokerConsumersCollection.Name)]
public sealed class CompletionSagaOverRabbitMqTests(RabbitMqSagaFactory lrs) : IClassFixture<RabbitMqSagaFactory>
{
    [Fact]
    public async Task PassingAttempt_SentTwiceAndRepublished_OneCompletionEventAndOneCertificate()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        var (certification, handle) = await Certification.ConnectAsync(lrs.Services, tenant, answer: true);
        var learner = Agent();
        var activity = NewActivity();

        await PostAsync(client, SagaWait.Passed(learner, activity));
        await PostAsync(client, SagaWait.Passed(learner, activity));
        var saga = await SagaWait.ForAsync(lrs.Services, tenant, s => s.CurrentState == nameof(CompletionStateMachine.Acknowledged) && s.Publications == 1);

        // What a relay restarted between publishing and marking the row sent does: the same event, the same message id.
        var repeat = new CompletionRecorded
        {
            TenantId = tenant, LearnerKey = saga.LearnerKey, ActivityId = saga.ActivityId, Registration = saga.Registration,
            CompletedAt = saga.CompletedAt, StatementId = saga.StatementId, PassFail = saga.PassFail,
        };
        await lrs.Services.GetRequiredService<IBus>().Publish(repeat, c => c.MessageId = saga.CorrelationId);
        await Task.Delay(1000);

        // One completion event: every delivery certification saw carries the one message id (its inbox drops repeats).
        Assert.Equal(saga.CorrelationId, Assert.Single(certification.Received.Distinct()));
        Assert.NotNull(saga.CertificateId);
        var sagas = await lrs.Services.GetRequiredService<SagaStore<CompletionState>>().ListAsync(tenant, null, CancellationToken.None);
        Assert.Equal(saga.CertificateId, Assert.Single(sagas).CertificateId);
        await handle.StopAsync();
    }
}

public sealed class CompletionSagaTimeoutTests(InMemorySagaFactory lrs) : IClassFixture<InMemorySagaFactory>
{
    [Fact]
    public async Task Completion_NeverAcknowledged_IsRepublishedThenFlaggedForAnAdmin()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        var (certification, handle) = await Certification.ConnectAsync(lrs.Services, tenant, answer: false);

        await PostAsync(client, SagaWait.Passed(Agent(), NewActivity()));

        var saga = await SagaWait.ForAsync(lrs.Services, tenant, s => s.CurrentState == nameof(CompletionStateMachine.Flagged));
        Assert.Equal(2, saga.Publications);
        Assert.Equal(2, certification.Received.Count);
        Assert.All(certification.Received, id => Assert.Equal(saga.CorrelationId, id));
        var flagged = await client.GetFromJsonAsync<JsonObject>("/api/v1/completions/flagged");
        var listed = Assert.Single(flagged!["completions"]!.AsArray());
        Assert.Equal(saga.CorrelationId.ToString(), listed!["completionMessageId"]!.GetValue<string>());
        await handle.StopAsync();
    }
}
