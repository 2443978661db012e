using Lrs.EndToEnd.Tests.Support;

namespace Lrs.EndToEnd.Tests;

/// <summary>A bad Lrs:Bus setting stops the LRS at start with a one-line reason naming the setting.</summary>
public sealed class BusConfigurationTests
{
    [Theory]
    [InlineData("Lrs__Bus__Transport", "Kafka", "Lrs:Bus:Transport must be InMemory or RabbitMq, not 'Kafka'.")]
    [InlineData("Lrs__Bus__RabbitMq__Port", "70000", "Lrs:Bus:RabbitMq:Port must be a whole number from 1 to 65535, not '70000'.")]
    [InlineData("Lrs__Analytics__PseudonymKey", "short", "Lrs:Analytics:PseudonymKey must be at least 16 characters long.")]
    public async Task Start_BadBusSetting_ExitsNonZeroWithTheReason(string variable, string value, string reason)
    {
        using var directory = new TempDirectory();
        using var host = LrsProcess.Start(directory.Path, new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, await host.WaitForExitAsync());
        Assert.Contains("Lrs could not start: " + reason, host.Output, StringComparison.Ordinal);
    }
}
