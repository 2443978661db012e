using System.Net;
using System.Text;
using Lrs.Portal.Tests.Support;

namespace Lrs.Portal.Tests;

/// <summary>Every portal page over the seeded tenant, as an owner sees it.</summary>
[Collection(PortalCollection.Name)]
public sealed class PageTests(PortalHost host)
{
    [Fact]
    public async Task Overview_SeededLedger_ShowsCountsInTheBrowsersTimeZone()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page);

        await Pages.AssertRenderedAsync(page, "overview");
        Assert.Equal("7", await page.InnerTextAsync("[data-stat=total]")); // six statements and the voiding one
        Assert.Contains("Europe/Berlin", await page.InnerTextAsync(".rz-sidebar"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("svg.portal-chart").CountAsync());
    }

    [Fact] // Communication §2.1.3: the query's agent and verb filters, from the form
    public async Task Statements_QueryByAgentAndVerb_ShowsOnlyMatches()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/statements");
        await page.FillAsync("input[name=agent]", PortalScenario.Ann);
        await page.FillAsync("input[name=verb]", "http://adlnet.gov/expapi/verbs/completed");
        await page.ClickAsync("#run-query");

        await Pages.AssertRenderedAsync(page, "statements");
        var rows = await Pages.RowsAsync(page, "#statements");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("Ann Example", r, StringComparison.Ordinal));
        await page.Locator("#statements details summary").First.ClickAsync();
        Assert.Contains("\"mbox\": \"mailto:ann@example.com\"", await page.Locator("#statements pre").First.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact] // Data §2.3.2: a voided statement is left out of queries; looked up by id it is shown as voided
    public async Task Statements_VoidedStatement_ShownAsVoided()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/statements");
        var all = await Pages.RowsAsync(page, "#statements");
        Assert.DoesNotContain(all, r => r.Contains(host.Scenario.VoidedId, StringComparison.Ordinal) && !r.Contains("voids", StringComparison.Ordinal));

        await page.ClickAsync($"a[href*='id={host.Scenario.VoidedId}']");
        await Pages.AssertRenderedAsync(page, "statement-voided");
        Assert.Equal("voided", (await page.InnerTextAsync("#voided-badge")).Trim().ToLowerInvariant());
        Assert.Single(await Pages.RowsAsync(page, "#statements"));
    }

    [Fact]
    public async Task Statements_BadRegistration_SaysWhatIsWrong()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/statements?registration=not-a-uuid");

        await Pages.AssertRenderedAsync(page, "statements-bad-input");
        Assert.Contains("registration", await page.InnerTextAsync("#query-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_SearchLearnerOpenTranscript_DownloadsPdfAndJson()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/learners");
        await page.FillAsync("input[name=q]", "ann");
        await page.ClickAsync("#search-learners");
        await Pages.AssertRenderedAsync(page, "learners");
        var learners = await Pages.RowsAsync(page, "#learners");
        Assert.Single(learners);

        await page.ClickAsync("#learners a");
        await Pages.AssertRenderedAsync(page, "transcript");
        var enrollment = Assert.Single(await Pages.RowsAsync(page, "#enrollments"));
        Assert.Contains(PortalScenario.CourseId, enrollment, StringComparison.Ordinal);
        Assert.Contains("100 %", enrollment, StringComparison.Ordinal);
        Assert.True(await page.Locator("[data-course]").CountAsync() >= 2);

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-pdf"));
        var pdfPath = Path.Combine(PortalHost.Screenshots, pdf.SuggestedFilename);
        await pdf.SaveAsAsync(pdfPath);
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(pdfPath)[..4]);

        var json = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-json"));
        var jsonPath = Path.Combine(PortalHost.Screenshots, json.SuggestedFilename);
        await json.SaveAsAsync(jsonPath);
        Assert.Contains("\"agentKey\": \"mbox:mailto:ann@example.com\"", File.ReadAllText(jsonPath), StringComparison.Ordinal);
    }

    [Fact] // progress-schema seed: completion rate, drop-off, time to complete, overdue
    public async Task Reports_Course_ShowsEveryReportWithChartsAndCsv()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/reports");
        await Pages.AssertRenderedAsync(page, "reports");
        var rates = await Pages.RowsAsync(page, "#completion-rate table");
        Assert.Contains("50 %", Assert.Single(rates), StringComparison.Ordinal); // Ann of Ann and Bob

        await page.SelectOptionAsync("#course-choice select", PortalScenario.CourseId);
        await page.ClickAsync("#show-course");
        await Pages.AssertRenderedAsync(page, "reports-course");
        var dropOff = await Pages.RowsAsync(page, "#drop-off table");
        Assert.Equal(2, dropOff.Count);
        Assert.Contains("50 %", dropOff[1], StringComparison.Ordinal); // lesson 2: viewed by both, not completed by Bob
        Assert.Single(await Pages.RowsAsync(page, "#time-to-complete table"));
        Assert.Equal("30 min", await page.InnerTextAsync("[data-stat=ttc-median]"));
        var overdue = await Pages.RowsAsync(page, "#overdue table"); // neither learner handed in the essay, due 2024-01-01
        Assert.Equal(2, overdue.Count);
        Assert.All(overdue, r => Assert.Contains("quiz-essay", r, StringComparison.Ordinal));
        Assert.Equal(3, await page.Locator("svg.portal-chart").CountAsync());

        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv-drop-off"));
        var csvPath = Path.Combine(PortalHost.Screenshots, csv.SuggestedFilename);
        await csv.SaveAsAsync(csvPath);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), File.ReadAllBytes(csvPath)[..3]); // so that spreadsheets read UTF-8
        var lines = File.ReadAllLines(csvPath);
        Assert.Equal("module,lesson,position,viewed,not_completed,rate", lines[0]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Credentials_IssueThenRevoke_KeyWorksUntilRevoked()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/tenants");
        await Pages.AssertRenderedAsync(page, "tenants");
        await page.FillAsync("input[name='Issue.Name']", "course player");
        await page.ClickAsync("#issue-credential button[type=submit]");
        await Pages.AssertRenderedAsync(page, "credential-issued");
        var key = (await page.InnerTextAsync("#shown-key")).Trim();
        var secret = (await page.InnerTextAsync("#shown-secret")).Trim();

        using (var client = host.Xapi(key, secret))
        using (var ok = await client.GetAsync("/xapi/statements?limit=1"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ClickAsync($"tr[data-key='{key}'] button");
        await Pages.AssertRenderedAsync(page, "credential-revoked");
        Assert.Contains("revoked", await page.InnerTextAsync($"tr[data-key='{key}']"), StringComparison.OrdinalIgnoreCase);
        using (var client = host.Xapi(key, secret))
        using (var refused = await client.GetAsync("/xapi/statements?limit=1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Credentials_NoScope_SaysWhatIsWrong()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/tenants");
        await Pages.AssertRenderedAsync(page, "tenants-issue-form");
        await page.UncheckAsync("#issue-credential input[value='statements/write']");
        await page.UncheckAsync("#issue-credential input[value='statements/read']");

        await page.FillAsync("input[name='Issue.Name']", "nothing");
        await page.ClickAsync("#issue-credential button[type=submit]");
        await Pages.AssertRenderedAsync(page, "credential-no-scope");
        Assert.Contains("scope", await page.InnerTextAsync("#action-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenants_CreateTenantAndSwitch_ShowsTheNewTenantsEmptyLedger()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/tenants");
        var name = "acme-" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("input[name=NewTenant]", name);
        await page.ClickAsync("#create-tenant button[type=submit]");
        Assert.StartsWith("lrs_", (await page.InnerTextAsync("#shown-key")).Trim(), StringComparison.Ordinal);

        await page.GotoAsync("/admin");
        await Task.WhenAll(page.WaitForURLAsync("**/admin"), page.SelectOptionAsync("#tenant-select", new Microsoft.Playwright.SelectOptionValue { Label = name }));
        await Pages.AssertRenderedAsync(page, "overview-new-tenant");
        Assert.Equal("0", await page.InnerTextAsync("[data-stat=total]"));
        Assert.Contains("No statements arrived", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_ViewerCreatedByOwner_CanReadButIsForbiddenTenants()
    {
        var owner = await host.NewPageAsync();
        await Pages.LoginAsync(owner, path: "/admin/tenants");
        var email = $"viewer-{Guid.NewGuid():N}"[..16] + "@example.com";
        await owner.FillAsync("input[name='NewAdmin.Email']", email);
        await owner.FillAsync("input[name='NewAdmin.Password']", "viewer-password-1");
        await owner.ClickAsync("#create-admin button[type=submit]");
        Assert.Equal(email, (await owner.InnerTextAsync("#shown-key")).Trim());

        var viewer = await host.NewPageAsync();
        await Pages.LoginAsync(viewer, email, "viewer-password-1", "/admin/learners");
        await Pages.RowsAsync(viewer, "#learners");
        Assert.Equal(0, await viewer.Locator("a[href='admin/tenants']").CountAsync());
        await viewer.GotoAsync("/admin/tenants");
        await Pages.AssertRenderedAsync(viewer, "forbidden");
        Assert.Contains("/admin/forbidden", viewer.Url, StringComparison.Ordinal);
        Assert.Contains("You may not open this page", await viewer.InnerTextAsync("main"), StringComparison.Ordinal);
    }
}
