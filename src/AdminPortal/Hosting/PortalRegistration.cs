using Lrs.AdminPortal.Components;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Lrs.AdminPortal.Hosting;

public static class PortalRegistration
{
    /// <summary>Blazor Server components, Radzen, and the admins' cookie sign-in.</summary>
    public static IServiceCollection AddAdminPortal(this IServiceCollection services)
    {
        // Server-side rendered components: every page is an ordinary request (see docs/decisions/0010).
        services.AddRazorComponents();
        services.AddRadzenComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<AdminClock>();
        services.AddSingleton<PortalOperations>();
        services.AddScoped<PortalReports>();
        services.AddAuthentication(PortalAuth.Scheme).AddCookie(PortalAuth.Scheme, o =>
        {
            o.Cookie.Name = "lrs_admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = PortalAuth.LoginPath;
            o.AccessDeniedPath = PortalAuth.Base + "/forbidden";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                // Downloads are fetched by the browser too; anything but a page gets a status code, not a login form.
                OnRedirectToLogin = c => Redirect(c, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = c => Redirect(c, StatusCodes.Status403Forbidden),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalAuth.AdminPolicy, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireAuthenticatedUser())
            .AddPolicy(PortalAuth.OwnerPolicy, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(nameof(Domain.Tenancy.AdminRole.Owner)));
        services.AddAntiforgery();
        return services;
    }

    /// <summary>The portal pages under <c>/admin</c>, its sign-in endpoints and its downloads.</summary>
    public static IEndpointRouteBuilder MapAdminPortal(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapDownloadEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(PortalAuth.Base + "/download"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
