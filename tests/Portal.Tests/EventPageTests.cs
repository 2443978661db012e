using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Events.Contracts;
using Lrs.Portal.Tests.Support;
using Microsoft.Playwright;

namespace Lrs.Portal.Tests;

/// <summary>
/// The event backbone's pages: dead letters made by a real upstream message over RabbitMQ, erasure requests carried
/// out by the running host (overview seed §8), and the overview's event figures.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EventPageTests(PortalHost host)
{
    [Fact] // ADR 0009: a message a consumer cannot handle becomes a dead letter; replay sends it again, discard drops it
    public async Task DeadLetters_InvalidUpstreamEvent_ListedInspectedReplayedAndDiscarded()
    {
        using var api = host.Xapi();
        var user = "portal-" + Guid.NewGuid().ToString("N")[..8];
        var messageId = Guid.NewGuid();
        await Broker.PublishAsync(new PlaySessionStarted
        {
            TenantId = host.TenantId, SessionId = Guid.NewGuid(), UserId = user, ActivityId = "not an IRI", StartedAt = DateTimeOffset.UtcNow,
        }, messageId);
        var id = await DeadLetterOfAsync(api, messageId, except: null);

        var page = await host.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SignInToSeededTenantAsync(page, "/admin/dead-letters");
        await Pages.AssertRenderedAsync(page, "dead-letters");
        var type = (await page.InnerTextAsync($"#dead-letters tr[data-id='{id}'] code")).Trim();
        await page.SelectOptionAsync("select[name=type]", type);
        await page.ClickAsync("#filter-dead-letters");
        await Pages.AssertRenderedAsync(page, "dead-letters-filtered");
        Assert.All(await Pages.RowsAsync(page, "#dead-letters"), r => Assert.Contains(type, r, StringComparison.Ordinal));
        await page.GotoAsync("/admin/dead-letters?type=no.such.type.v1");
        Assert.Contains("No dead letters of type no.such.type.v1", await page.InnerTextAsync("#no-dead-letters"), StringComparison.Ordinal);

        await page.GotoAsync("/admin/dead-letters?type=" + Uri.EscapeDataString(type));
        await page.ClickAsync($"#dead-letters tr[data-id='{id}'] a");
        await Pages.AssertRenderedAsync(page, "dead-letter");
        Assert.Contains($"\"userId\": \"{user}\"", await page.InnerTextAsync("#dead-letter-payload"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#dead-letter-error")));
        Assert.Equal("1", (await page.InnerTextAsync("#dead-letter [data-field=attempts]")).Trim()); // an invalid message is not retried

        await page.ClickAsync("#replay");
        await Pages.AssertRenderedAsync(page, "dead-letter-replayed");
        Assert.Contains($"Replayed the {type} message {messageId}", await page.InnerTextAsync("#action-result"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/dead-letters/{id}")).StatusCode);

        // The message is as invalid as before, so the consumer fails on it again: a new dead letter, which is discarded.
        var again = await DeadLetterOfAsync(api, messageId, except: id);
        await page.GotoAsync($"/admin/dead-letters/{again}");
        await page.ClickAsync("#discard");
        await Pages.AssertRenderedAsync(page, "dead-letter-discarded");
        Assert.Contains("Discarded the dead letter", await page.InnerTextAsync("#action-result"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/dead-letters/{again}")).StatusCode);

        await page.GotoAsync($"/admin/dead-letters/{again}");
        Assert.Contains("replayed or discarded", await page.InnerTextAsync("#no-dead-letter"), StringComparison.Ordinal);
    }

    [Fact] // overview seed §8: erasure of an agent, requested by an admin and followed to completion
    public async Task Erasures_RequestFromForm_ValidatesThenReachesCompleted()
    {
        using var api = host.Xapi();
        var email = "carl-" + Guid.NewGuid().ToString("N")[..6] + "@example.com";
        var agent = Uri.EscapeDataString($"{{\"mbox\":\"mailto:{email}\"}}");
        using (var state = await api.PutAsync($"/xapi/activities/state?activityId={Uri.EscapeDataString(PortalScenario.Base + "/l1")}&agent={agent}&stateId=bookmark",
            new StringContent("{\"page\":3}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NoContent, state.StatusCode);
        }

        var page = await host.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SignInToSeededTenantAsync(page, "/admin/erasures");
        await Pages.AssertRenderedAsync(page, "erasures");

        await page.ClickAsync("#submit-erasure");
        Assert.Contains("Name the learner", await page.InnerTextAsync("#action-error"), StringComparison.Ordinal);
        await page.FillAsync("input[name='Form.Mbox']", email);
        await page.FillAsync("input[name='Form.Name']", "someone");
        await page.ClickAsync("#submit-erasure");
        Assert.Contains("one way only", await page.InnerTextAsync("#action-error"), StringComparison.Ordinal);
        await page.FillAsync("input[name='Form.Mbox']", string.Empty);
        await page.FillAsync("input[name='Form.Name']", string.Empty);
        await page.FillAsync("textarea[name='Form.AgentJson']", "{\"mbox\":\"ann-at-example.com\"}");
        await page.ClickAsync("#submit-erasure");
        await Pages.AssertRenderedAsync(page, "erasure-invalid");
        Assert.Contains("mbox", await page.InnerTextAsync("#action-error"), StringComparison.Ordinal);

        await page.FillAsync("textarea[name='Form.AgentJson']", string.Empty);
        await page.FillAsync("input[name='Form.Mbox']", email);
        await page.ClickAsync("#submit-erasure");
        await page.WaitForURLAsync("**/admin/erasures/*");
        var status = string.Empty;
        for (var i = 0; i < 60 && status != "completed"; i++)
        {
            status = (await page.InnerTextAsync("#erasures [data-field=status]")).Trim().ToLowerInvariant(); // the badge shows it in capitals
            if (status is not ("completed" or "failed"))
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }
        }

        await Pages.AssertRenderedAsync(page, "erasure-completed");
        Assert.Equal("completed", status);
        Assert.Equal(3, await page.Locator("#erasure-steps li.portal-step-done").CountAsync());
        var row = Assert.Single(await Pages.RowsAsync(page, "#erasures"));
        Assert.DoesNotContain(email, row, StringComparison.Ordinal); // the tombstone does not identify the learner
        Assert.Contains("\t1\t", row, StringComparison.Ordinal); // the one state document went

        using var document = await api.GetAsync($"/xapi/activities/state?activityId={Uri.EscapeDataString(PortalScenario.Base + "/l1")}&agent={agent}&stateId=bookmark");
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);

        await page.ClickAsync("text=All erasure requests");
        await Pages.AssertRenderedAsync(page, "erasures-list");
        Assert.Contains(await Pages.RowsAsync(page, "#erasures"), r => r.Contains("completed", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Overview_EventFigures_MatchTheBackbone()
    {
        using var api = host.Xapi();
        var page = await host.NewPageAsync();
        await SignInToSeededTenantAsync(page, "/admin");
        await Pages.AssertRenderedAsync(page, "overview-events");

        var letters = (await api.GetFromJsonAsync<JsonObject>("/api/v1/dead-letters?limit=200"))!["items"]!.AsArray().Count;
        var flagged = (await api.GetFromJsonAsync<JsonObject>("/api/v1/completions/flagged"))!["completions"]!.AsArray().Count;
        Assert.Equal(letters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await Stat(page, "dead-letters"));
        Assert.Equal(flagged.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await Stat(page, "flagged"));
        Assert.True(long.TryParse(await Stat(page, "unsent"), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out var unsent));
        var oldest = await Stat(page, "oldest-unsent");
        Assert.True(unsent == 0 ? oldest == "none" : oldest != "none", $"{unsent} unsent, oldest {oldest}");
    }

    // Other tests create tenants, so the one shown after signing in need not be the seeded one: choose it in the header.
    private async Task SignInToSeededTenantAsync(IPage page, string path)
    {
        await Pages.LoginAsync(page, path: path);
        var tenant = host.TenantId.ToString();
        if (await page.InputValueAsync("#tenant-select") != tenant)
        {
            // Choosing submits the header's form, which re-issues the cookie and comes back to the page.
            var chosen = page.WaitForResponseAsync(r => r.Url.Contains("/admin/account/tenant", StringComparison.Ordinal));
            await page.SelectOptionAsync("#tenant-select", tenant);
            await chosen;
            await Assertions.Expect(page.Locator("#tenant-select")).ToHaveValueAsync(tenant);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Equal(tenant, await page.InputValueAsync("#tenant-select"));
    }

    private static async Task<string> Stat(IPage page, string name) => (await page.InnerTextAsync($"[data-stat={name}]")).Trim();

    // Polls the dead-letter API until the message's dead letter (other than `except`) is there.
    private static async Task<string> DeadLetterOfAsync(HttpClient api, Guid messageId, string? except)
    {
        for (var i = 0; i < 300; i++)
        {
            var items = (await api.GetFromJsonAsync<JsonObject>("/api/v1/dead-letters?limit=200"))!["items"]!.AsArray();
            if (items.FirstOrDefault(l => l!["messageId"]!.GetValue<string>() == messageId.ToString() && l["id"]!.GetValue<string>() != except) is { } letter)
            {
                return letter["id"]!.GetValue<string>();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No dead letter of message {messageId} within 30 s.");
    }
}
