using System.Security.Claims;
using Lrs.Domain.Tenancy;

namespace Lrs.AdminPortal.Hosting;

/// <summary>
/// The portal's cookie sign-in. The cookie carries the admin's e-mail, role and the tenant they are looking at; choosing
/// another tenant re-issues it. Everything under <c>/admin</c> except sign-in needs <see cref="AdminPolicy"/>.
/// </summary>
public static class PortalAuth
{
    public const string Scheme = "LrsAdmin";
    public const string AdminPolicy = "lrs-admin";
    public const string OwnerPolicy = "lrs-admin-owner";
    public const string TenantClaim = "lrs:tenant";
    public const string TenantNameClaim = "lrs:tenant-name";
    public const string Base = "/admin";
    public const string LoginPath = Base + "/login";

    public static ClaimsPrincipal Principal(AdminAccount admin, Guid? tenantId, string? tenantName)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, admin.Id.ToString()),
            new(ClaimTypes.Name, admin.Email),
            new(ClaimTypes.Role, admin.Role.ToString()),
        };
        if (tenantId is { } id)
        {
            claims.Add(new Claim(TenantClaim, id.ToString()));
            claims.Add(new Claim(TenantNameClaim, tenantName ?? string.Empty));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The same admin looking at another tenant.</summary>
    public static ClaimsPrincipal WithTenant(ClaimsPrincipal user, Guid tenantId, string tenantName)
    {
        var claims = user.Claims.Where(c => c.Type is not (TenantClaim or TenantNameClaim)).ToList();
        claims.Add(new Claim(TenantClaim, tenantId.ToString()));
        claims.Add(new Claim(TenantNameClaim, tenantName));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static Guid? TenantOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TenantClaim), out var id) ? id : null;

    /// <summary>A local path under the portal to return to after sign-in; anything else becomes the overview.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(Base, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : Base;
}
