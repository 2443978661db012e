using Lrs.Infrastructure.Messaging;
using MassTransit;

namespace Lrs.Portal.Tests.Support;

/// <summary>
/// The test broker named by <c>LRS_TEST_RABBITMQ</c> (amqp://user:password@host:port/; build/test.sh starts it), and an
/// upstream service's bus on it that publishes with the LRS's entity names.
/// </summary>
public static class Broker
{
    private static Uri Url => new(Environment.GetEnvironmentVariable("LRS_TEST_RABBITMQ")
        ?? throw new InvalidOperationException("LRS_TEST_RABBITMQ is not set. Run the tests through build/test.sh, which starts RabbitMQ and sets it."));

    public static string Host => Url.Host;

    public static int Port => Url.Port;

    public static string UserName => Uri.UnescapeDataString(Url.UserInfo.Split(':', 2)[0]);

    public static string Password => Uri.UnescapeDataString(Url.UserInfo.Split(':', 2).ElementAtOrDefault(1) ?? string.Empty);

    /// <summary>Publishes one message as an upstream service would, with the given message id.</summary>
    public static async Task PublishAsync<T>(T message, Guid messageId) where T : class
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(Host, (ushort)Port, "/", h =>
            {
                h.Username(UserName);
                h.Password(Password);
            });
            cfg.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
        });
        await bus.StartAsync();
        try
        {
            await bus.Publish(message, c => c.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
