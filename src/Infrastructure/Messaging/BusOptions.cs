using Microsoft.Extensions.Configuration;

namespace Lrs.Infrastructure.Messaging;

public enum BusTransport
{
    InMemory,
    RabbitMq,
}

/// <summary>Configuration section <c>Lrs:Bus</c>: the transport and, for RabbitMQ, where the broker is.</summary>
public sealed class BusOptions
{
    public BusTransport Transport { get; init; } = BusTransport.InMemory;

    public string Host { get; init; } = "localhost";

    public int Port { get; init; } = 5672;

    public string VirtualHost { get; init; } = "/";

    public string Username { get; init; } = "guest";

    public string Password { get; init; } = "guest";

    /// <summary>Attempts of a consumer on one message before it is dead-lettered.</summary>
    public int RetryLimit { get; init; } = 5;

    /// <summary>Delay before the first retry; each further retry doubles it.</summary>
    public int RetryInitialMilliseconds { get; init; } = 200;

    /// <summary>Reads and checks <c>Lrs:Bus</c>; a bad value throws with a one-line reason naming the setting.</summary>
    public static BusOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Lrs:Bus");
        var transportText = section["Transport"] ?? nameof(BusTransport.InMemory);
        if (!Enum.TryParse<BusTransport>(transportText, ignoreCase: true, out var transport) || !Enum.IsDefined(transport))
        {
            throw new InvalidOperationException($"Lrs:Bus:Transport must be InMemory or RabbitMq, not '{transportText}'.");
        }

        var rabbit = section.GetSection("RabbitMq");
        var options = new BusOptions
        {
            Transport = transport,
            Host = rabbit["Host"] ?? "localhost",
            Port = Int(rabbit, "Port", "Lrs:Bus:RabbitMq:Port", 5672, 1, 65535),
            VirtualHost = rabbit["VirtualHost"] ?? "/",
            Username = rabbit["Username"] ?? "guest",
            Password = rabbit["Password"] ?? "guest",
            RetryLimit = Int(section, "RetryLimit", "Lrs:Bus:RetryLimit", 5, 1, 100),
            RetryInitialMilliseconds = Int(section, "RetryInitialMilliseconds", "Lrs:Bus:RetryInitialMilliseconds", 200, 0, 60_000),
        };
        if (transport == BusTransport.RabbitMq && string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("Lrs:Bus:RabbitMq:Host is required when Lrs:Bus:Transport is RabbitMq.");
        }

        return options;
    }

    private static int Int(IConfiguration section, string key, string setting, int fallback, int min, int max)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{setting} must be a whole number from {min} to {max}, not '{text}'.");
    }
}
