using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Infrastructure.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Hosting;

namespace Lrs.Api.Tests.Events;

/// <summary>The real host on PostgreSQL with the RabbitMQ transport (LRS_TEST_RABBITMQ), or on SQLite with the in-memory bus.</summary>
public sealed class EventsFactory(string provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null) : LrsFactory
{
    public const string PseudonymKey = "events-test-pseudonym-key-0123456789";

    protected override string Provider => provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ConnectionString = connectionString;
        base.ConfigureWebHost(builder);
        builder.UseSetting("Lrs:Analytics:PseudonymKey", PseudonymKey);
        builder.UseSetting("Lrs:Bus:RetryLimit", "2");
        builder.UseSetting("Lrs:Bus:RetryInitialMilliseconds", "20");
        builder.UseSetting("Lrs:Relay:PublishTimeoutSeconds", "3");
        builder.UseSetting("Lrs:Relay:MaxBackoffSeconds", "2");
        builder.UseSetting("Lrs:Projector:PollMilliseconds", "100");
        builder.UseSetting("Lrs:Relay:PollMilliseconds", "100");
        if (provider == "Postgres")
        {
            var broker = Broker.Address;
            builder.UseSetting("Lrs:Bus:Transport", "RabbitMq");
            builder.UseSetting("Lrs:Bus:RabbitMq:Host", broker.Host);
            builder.UseSetting("Lrs:Bus:RabbitMq:Port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Lrs:Bus:RabbitMq:Username", broker.User);
            builder.UseSetting("Lrs:Bus:RabbitMq:Password", broker.Password);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>
/// Test classes whose hosts consume from RabbitMQ. Every host binds the same queues (lrs.*), and hosts on one broker
/// are competing consumers, so two at once would take each other's messages; these classes run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrokerConsumersCollection
{
    public const string Name = "broker consumers";
}

/// <summary>The test broker named by <c>LRS_TEST_RABBITMQ</c> (amqp://user:password@host:port/); build/test.sh starts it.</summary>
public static class Broker
{
    public static (string Host, int Port, string User, string Password) Address
    {
        get
        {
            var url = new Uri(Environment.GetEnvironmentVariable("LRS_TEST_RABBITMQ")
                ?? throw new InvalidOperationException("LRS_TEST_RABBITMQ is not set. Run the tests through build/test.sh, which starts RabbitMQ and sets it."));
            var user = url.UserInfo.Split(':', 2);
            return (url.Host, url.Port, Uri.UnescapeDataString(user[0]), Uri.UnescapeDataString(user.ElementAtOrDefault(1) ?? string.Empty));
        }
    }

    /// <summary>Runs <c>build/services.sh ARGS</c> (the ports come from LRS_PG_PORT / LRS_RABBITMQ_PORT in the environment).</summary>
    public static async Task ServicesAsync(string args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Lrs.sln")))
        {
            root = root.Parent;
        }

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", $"build/services.sh {args}")
        {
            WorkingDirectory = root!.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"build/services.sh {args} failed: {await output}");
    }
}

/// <summary>
/// A downstream service on its own bus (RabbitMQ) or connected to the host's (in-memory): records every delivery of
/// the contracts it subscribes to, duplicates included, so tests can count them.
/// </summary>
public sealed class Downstream : IAsyncDisposable
{
    private readonly IBusControl? _ownBus;
    private readonly HostReceiveEndpointHandle? _handle;

    private Downstream(IBusControl? ownBus, HostReceiveEndpointHandle? handle)
    {
        _ownBus = ownBus;
        _handle = handle;
    }

    public ConcurrentQueue<(string Name, Guid MessageId, object Message)> Received { get; } = new();

    public IBus? Bus => _ownBus;

    public static async Task<Downstream> RabbitMqAsync(string queue)
    {
        Downstream? downstream = null;
        var broker = Broker.Address;
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker.Host, (ushort)broker.Port, "/", h =>
            {
                h.Username(broker.User);
                h.Password(broker.Password);
            });
            cfg.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
            cfg.ReceiveEndpoint(queue, e => Subscribe(e, () => downstream!));
        });
        downstream = new Downstream(bus, null);
        await bus.StartAsync();
        return downstream;
    }

    public static async Task<Downstream> ConnectAsync(IBus bus, string queue)
    {
        Downstream? downstream = null;
        var handle = bus.ConnectReceiveEndpoint(queue, e => Subscribe(e, () => downstream!));
        downstream = new Downstream(null, handle);
        await handle.Ready;
        return downstream;
    }

    private static void Subscribe(IReceiveEndpointConfigurator e, Func<Downstream> self)
    {
        e.Handler<CompletionRecorded>(c => Record(self(), c));
        e.Handler<AttemptOpened>(c => Record(self(), c));
        e.Handler<AttemptClosed>(c => Record(self(), c));
        e.Handler<StatementStored>(c => Record(self(), c));
        e.Handler<StatementForwarded>(c => Record(self(), c));
    }

    private static Task Record<T>(Downstream downstream, ConsumeContext<T> context) where T : class
    {
        downstream.Received.Enqueue((MessageContracts.NameOf<T>(), context.MessageId ?? Guid.Empty, context.Message));
        return Task.CompletedTask;
    }

    public List<T> Of<T>() => Received.Where(r => r.Name == MessageContracts.NameOf<T>()).Select(r => (T)r.Message).ToList();

    public int Count<T>() => Received.Count(r => r.Name == MessageContracts.NameOf<T>());

    /// <summary>Waits until <paramref name="done"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<bool> done, int seconds, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownBus is not null)
        {
            await _ownBus.StopAsync();
        }

        if (_handle is not null)
        {
            await _handle.StopAsync();
        }
    }
}

/// <summary>cmi5-like statements of one learner on one activity and registration.</summary>
public sealed record Learner(string Mbox, string Activity, Guid Registration)
{
    public static Learner New() => new($"mailto:{Guid.NewGuid():N}@example.com", Support.Statements.NewActivity(), Guid.NewGuid());

    public string Key => "mbox:" + Mbox;

    public JsonObject Statement(string verb, JsonObject? result = null, Guid? id = null)
    {
        var s = Support.Statements.Statement(Support.Statements.Agent(Mbox), verb, Activity, id, new JsonObject { ["registration"] = Registration.ToString() });
        if (result is not null)
        {
            s["result"] = result;
        }

        return s;
    }

    public JsonObject Launched() => Statement("http://adlnet.gov/expapi/verbs/launched");

    /// <summary>A passing, completing statement.</summary>
    public JsonObject Passed(Guid? id = null) => Statement("http://adlnet.gov/expapi/verbs/passed",
        new JsonObject { ["success"] = true, ["completion"] = true, ["score"] = new JsonObject { ["scaled"] = 0.9 } }, id);
}
