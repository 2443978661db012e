using System.Net;
using Lrs.EndToEnd.Tests.Support;

namespace Lrs.EndToEnd.Tests;

/// <summary>What an operator sees on the first <c>dotnet Lrs.Api.dll</c> without any configuration, and on the second.</summary>
public sealed class FirstRunTests
{
    [Fact]
    public async Task FirstRun_EmbeddedDefault_PrintsEndpointAndWorkingCredentials()
    {
        using var directory = new TempDirectory();
        Uri endpoint;
        string key, secret;
        var actor = Xapi.Agent($"mailto:{Guid.NewGuid():N}@example.com");
        var agentQuery = "?agent=" + Uri.EscapeDataString(actor.ToJsonString());
        var putId = Guid.NewGuid();
        Guid voidedId, keptId;

        using (var first = LrsProcess.Start(directory.Path))
        {
            await first.WaitReadyAsync();
            var secretLine = await first.WaitForLineAsync(l => l.Contains("xAPI secret:", StringComparison.Ordinal));
            var output = first.Output;
            Assert.Contains("Created tenant 'default'", output, StringComparison.Ordinal);
            endpoint = new Uri(Value(first, "xAPI endpoint:"));
            key = Value(first, "xAPI key:");
            secret = first.Line(secretLine).Split("xAPI secret:")[1].Trim();
            Assert.Equal(first.BaseAddress.Port, endpoint.Port);
            Assert.EndsWith("/xapi/", endpoint.AbsolutePath, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory.Path, "data", "lrs.db")), "The embedded database is not at ./data/lrs.db.");

            using var client = Xapi.Client(endpoint, key, secret);
            using (var put = await client.PutAsync($"statements?statementId={putId}", Xapi.Json(Xapi.Statement(actor))))
            {
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            var posted = await Xapi.PostAsync(client, Xapi.Statement(actor), Xapi.Statement(actor));
            Assert.Equal(2, posted.Length);
            (voidedId, keptId) = (posted[0], posted[1]);

            Assert.Equal(putId, Xapi.Id(await Xapi.GetAsync(client, $"?statementId={putId}")));
            var byAgent = Xapi.Ids(await Xapi.GetAsync(client, agentQuery));
            Assert.Equal(new[] { putId, voidedId, keptId }.Order(), byAgent.Order());

            var voiding = (await Xapi.PostAsync(client, Xapi.Voiding(actor, voidedId))).Single();

            // Data §2.3.2: a voided statement is left out of queries and found only through voidedStatementId.
            var afterVoid = Xapi.Ids(await Xapi.GetAsync(client, agentQuery));
            Assert.DoesNotContain(voidedId, afterVoid);
            Assert.Equal(new[] { putId, keptId, voiding }.Order(), afterVoid.Order());
            using (var hidden = await client.GetAsync($"statements?statementId={voidedId}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            }

            Assert.Equal(voidedId, Xapi.Id(await Xapi.GetAsync(client, $"?voidedStatementId={voidedId}")));
        }

        using var second = LrsProcess.Start(directory.Path);
        await second.WaitReadyAsync();
        var endpointLine = await second.WaitForLineAsync(l => l.Contains("xAPI endpoint:", StringComparison.Ordinal));
        await second.WaitForLineAsync(_ => true, startAt: endpointLine + 1);
        Assert.DoesNotContain("xAPI secret:", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Created tenant", second.Output, StringComparison.Ordinal);

        using var again = Xapi.Client(new Uri(Value(second, "xAPI endpoint:")), key, secret);
        Assert.Equal(putId, Xapi.Id(await Xapi.GetAsync(again, $"?statementId={putId}")));
        Assert.Equal(voidedId, Xapi.Id(await Xapi.GetAsync(again, $"?voidedStatementId={voidedId}")));
        Assert.Contains(keptId, Xapi.Ids(await Xapi.GetAsync(again, agentQuery)));
    }

    private static string Value(LrsProcess host, string label)
    {
        var line = host.Output.Split('\n').First(l => l.Contains(label, StringComparison.Ordinal));
        return line[(line.IndexOf(label, StringComparison.Ordinal) + label.Length)..].Trim();
    }
}
