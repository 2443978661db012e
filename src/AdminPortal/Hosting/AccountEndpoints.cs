using Lrs.Application.Admins;
using Lrs.Application.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Lrs.AdminPortal.Hosting;

/// <summary>Sign-in, sign-out and the choice of tenant: plain form posts (with antiforgery tokens) that set the cookie.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup(PortalAuth.Base + "/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync);
        account.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync).RequireAuthorization(PortalAuth.AdminPolicy).WithMetadata(new RequireAntiforgeryTokenAttribute());
        account.MapPost("/tenant", ChooseTenantAsync).RequireAuthorization(PortalAuth.AdminPolicy);
        return app;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInAdminHandler signIn, ITenancyStore tenancy, ILoggerFactory logs)
    {
        var target = PortalAuth.SafeReturnUrl(returnUrl);
        var admin = await signIn.HandleAsync(new SignInAdmin(email, password), http.RequestAborted);
        if (admin is null)
        {
            logs.CreateLogger("Lrs.AdminPortal").LogWarning("Failed portal sign-in for {Email}", email);
            return TypedResults.Redirect($"{PortalAuth.LoginPath}?error=1&returnUrl={Uri.EscapeDataString(target)}");
        }

        var tenant = await tenancy.FirstTenantAsync(http.RequestAborted);
        await http.SignInAsync(PortalAuth.Scheme, PortalAuth.Principal(admin, tenant?.Id, tenant?.Name));
        return TypedResults.Redirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(PortalAuth.Scheme);
        return TypedResults.Redirect(PortalAuth.LoginPath + "?signedOut=1");
    }

    private static async Task<IResult> ChooseTenantAsync(HttpContext http, [FromForm] Guid? tenantId, [FromForm] string? returnUrl, ITenancyStore tenancy)
    {
        if (tenantId is not { } id || await tenancy.FindTenantAsync(id, http.RequestAborted) is not { } tenant)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "tenantId must name an existing tenant.");
        }

        await http.SignInAsync(PortalAuth.Scheme, PortalAuth.WithTenant(http.User, tenant.Id, tenant.Name));
        return TypedResults.Redirect(PortalAuth.SafeReturnUrl(returnUrl));
    }
}
