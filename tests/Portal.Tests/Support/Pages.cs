using Microsoft.Playwright;

namespace Lrs.Portal.Tests.Support;

public static class Pages
{
    public static async Task LoginAsync(IPage page, string email = PortalHost.AdminEmail, string password = PortalHost.AdminPassword, string path = "/admin")
    {
        await page.GotoAsync(path);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Saves a screenshot and checks the page rendered: its main area is there, and no error page or error boundary
    /// took its place.
    /// </summary>
    public static async Task AssertRenderedAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalHost.Screenshots, name + ".png"), FullPage = true });
        Assert.True(await page.Locator("main.portal-page, main.portal-login").CountAsync() == 1, $"{name}: no portal page rendered at {page.Url}");
        var html = await page.ContentAsync();
        foreach (var failure in new[] { "blazor-error-ui", "An unhandled error", "An unhandled exception", "Exception:", "\"status\":500" })
        {
            Assert.DoesNotContain(failure, html, StringComparison.Ordinal);
        }
    }

    /// <summary>The rows of a table, failing when there are none (data exists wherever this is called).</summary>
    public static async Task<IReadOnlyList<string>> RowsAsync(IPage page, string table)
    {
        var rows = await page.Locator($"{table} tbody tr").AllInnerTextsAsync();
        Assert.True(rows.Count > 0, $"{table} on {page.Url} has no rows");
        return rows;
    }
}
