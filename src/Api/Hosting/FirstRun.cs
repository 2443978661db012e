using Lrs.Application.Admins;
using Lrs.Application.Tenancy;
using Lrs.Infrastructure.Partitions;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Api.Hosting;

/// <summary>Configuration section <c>Lrs:Bootstrap</c>: the first tenant and credential, when fixed by configuration.</summary>
public sealed class BootstrapOptions
{
    public string TenantName { get; set; } = "default";

    public string? XapiKey { get; set; }

    public string? XapiSecret { get; set; }

    /// <summary>The first portal admin's e-mail (default <c>admin@localhost</c>).</summary>
    public string? AdminEmail { get; set; }

    /// <summary>The first portal admin's password; generated and printed when not set.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>
/// Prepares the database before the host serves: applies migrations, creates statement partitions ahead,
/// and on first run creates the default tenant with an xAPI credential, returning what to tell the operator.
/// </summary>
public static class FirstRun
{
    public static async Task<string?> PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<MigrationRunner>().UpAsync(ct);
        if (services.GetService<PartitionMaintenance>() is { } partitions)
        {
            await partitions.EnsureAsync(ct);
        }

        var options = services.GetRequiredService<IConfiguration>().GetSection("Lrs:Bootstrap").Get<BootstrapOptions>() ?? new BootstrapOptions();
        var tenancy = await TenancyAsync(services, options, ct);
        var admin = await AdminAsync(services, options, ct);
        return tenancy is null ? admin : admin is null ? tenancy : tenancy + "\n  " + admin;
    }

    // The first portal admin, or the configured one when it does not exist yet. The password is printed only when generated.
    private static async Task<string?> AdminAsync(IServiceProvider services, BootstrapOptions options, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var admins = scope.ServiceProvider.GetRequiredService<IAdminStore>();
        var email = options.AdminEmail ?? "admin@localhost";
        if ((options.AdminEmail is null && await admins.AnyAsync(ct))
            || await admins.FindByEmailAsync(Domain.Tenancy.AdminAccount.NormaliseEmail(email), ct) is not null)
        {
            return null;
        }

        var created = await scope.ServiceProvider.GetRequiredService<CreateAdminHandler>()
            .HandleAsync(new CreateAdmin(email, options.AdminPassword, Domain.Tenancy.AdminRole.Owner), ct);
        return $"Created portal admin '{created.Email}' (owner).\n    Admin password: "
            + (options.AdminPassword is null ? created.Password + "\n  (the password is stored hashed; note it now)" : "as configured");
    }

    private static async Task<string?> TenancyAsync(IServiceProvider services, BootstrapOptions options, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenancyStore>();
        var first = await store.FirstTenantAsync(ct);
        if (first is null)
        {
            var created = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>()
                .HandleAsync(new CreateTenant(options.TenantName, options.XapiKey, options.XapiSecret), ct);
            return Describe("Created tenant '" + options.TenantName + "' with an xAPI credential (scope: all).", created.Key, created.Secret);
        }

        if (options.XapiKey is { } key && await store.FindCredentialAsync(key, ct) is null)
        {
            var issued = await scope.ServiceProvider.GetRequiredService<IssueCredentialHandler>().HandleAsync(
                new IssueCredential(first.Id, key, Domain.Tenancy.XapiScope.All, key, options.XapiSecret), ct);
            return Describe($"Added the configured xAPI credential to tenant '{first.Name}'.", issued.Key, issued.Secret);
        }

        return null;
    }

    private static string Describe(string what, string key, string secret) =>
        $"{what}\n    xAPI key:    {key}\n    xAPI secret: {secret}\n  (the secret is stored hashed; note it now)";
}
