using Lrs.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;

namespace Lrs.Infrastructure.Tests.Messaging;

public sealed class BusOptionsTests
{
    private static BusOptions Read(params (string Key, string Value)[] settings) =>
        BusOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void Read_Nothing_InMemoryDefaults()
    {
        var options = Read();

        Assert.Equal(BusTransport.InMemory, options.Transport);
        Assert.Equal(5, options.RetryLimit);
    }

    [Fact]
    public void Read_RabbitMq_TakesBrokerSettings()
    {
        var options = Read(("Lrs:Bus:Transport", "rabbitmq"), ("Lrs:Bus:RabbitMq:Host", "mq.internal"), ("Lrs:Bus:RabbitMq:Port", "5673"),
            ("Lrs:Bus:RabbitMq:VirtualHost", "lrs"), ("Lrs:Bus:RabbitMq:Username", "u"), ("Lrs:Bus:RabbitMq:Password", "p"));

        Assert.Equal((BusTransport.RabbitMq, "mq.internal", 5673, "lrs", "u", "p"),
            (options.Transport, options.Host, options.Port, options.VirtualHost, options.Username, options.Password));
    }

    [Theory]
    [InlineData("Lrs:Bus:Transport", "Nats", "Lrs:Bus:Transport must be InMemory or RabbitMq, not 'Nats'.")]
    [InlineData("Lrs:Bus:Transport", "7", "Lrs:Bus:Transport must be InMemory or RabbitMq, not '7'.")]
    [InlineData("Lrs:Bus:RabbitMq:Port", "0", "Lrs:Bus:RabbitMq:Port must be a whole number from 1 to 65535, not '0'.")]
    [InlineData("Lrs:Bus:RetryLimit", "many", "Lrs:Bus:RetryLimit must be a whole number from 1 to 100, not 'many'.")]
    public void Read_BadValue_ThrowsNamingTheSetting(string key, string value, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read((key, value)));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Read_RabbitMqWithEmptyHost_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read(("Lrs:Bus:Transport", "RabbitMq"), ("Lrs:Bus:RabbitMq:Host", " ")));

        Assert.Contains("Host is required", e.Message, StringComparison.Ordinal);
    }
}
