using Lrs.Portal.Tests.Support;

namespace Lrs.Portal.Tests;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalHost host)
{
    [Fact]
    public async Task Portal_Unauthenticated_RedirectsToLoginWithReturnUrl()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/admin/reports");

        Assert.Contains("/admin/login?returnUrl=%2Fadmin%2Freports", page.Url, StringComparison.Ordinal);
        await Pages.AssertRenderedAsync(page, "login");
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysSignedOut()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, password: "not-the-password");

        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
        Assert.Contains("wrong", await page.InnerTextAsync("#login-error"), StringComparison.Ordinal);
        await Pages.AssertRenderedAsync(page, "login-wrong-password");
        await page.GotoAsync("/admin");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ReturnUrl_LandsThereAndSignOutEndsTheSession()
    {
        var page = await host.NewPageAsync();
        await Pages.LoginAsync(page, path: "/admin/learners");

        Assert.EndsWith("/admin/learners", page.Url, StringComparison.Ordinal);
        Assert.Contains(PortalHost.AdminEmail, await page.InnerTextAsync("#signed-in-as"), StringComparison.Ordinal);
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/admin/login?signedOut=1");
        await page.GotoAsync("/admin/learners");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Form_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await client.PostAsync("/admin/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = PortalHost.AdminEmail,
            ["password"] = PortalHost.AdminPassword,
        }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Download_Unauthenticated_Returns401()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await client.GetAsync("/admin/download/reports/completion-rate.csv");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
