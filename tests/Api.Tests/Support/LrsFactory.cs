using System.Net.Http.Headers;
using System.Text;
using Lrs.Application.Tenancy;
using Lrs.Domain.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lrs.Api.Tests.Support;

/// <summary>The real host over a real database, with a known first credential.</summary>
public abstract class LrsFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Key = "test-key";
    public const string Secret = "test-secret";
    public const int MaxBodyBytes = 1024 * 1024;

    protected abstract string Provider { get; }

    protected string ConnectionString { get; set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Lrs:Database:Provider", Provider);
        builder.UseSetting("Lrs:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Lrs:Bootstrap:XapiKey", Key);
        builder.UseSetting("Lrs:Bootstrap:XapiSecret", Secret);
        builder.UseSetting("Lrs:Statements:MaxPageSize", "100");
        // PDFsharp 6.5 renders only under a chosen licence; tests run it under the AGPL, nothing is distributed.
        builder.UseSetting("Lrs:Pdf:PdfSharpLicense", "AGPL");
        builder.UseSetting("Lrs:Xapi:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public new virtual Task DisposeAsync() => base.DisposeAsync().AsTask();

    /// <summary>A client speaking xAPI 1.0.3 with the given (default: the bootstrap) credential.</summary>
    public HttpClient Xapi(string key = Key, string secret = Secret)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    /// <summary>Creates another tenant with a credential of the given scopes; returns a client for it.</summary>
    public async Task<(Guid TenantId, HttpClient Client)> NewTenantAsync(XapiScope scopes = XapiScope.All)
    {
        using var scope = Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>()
            .HandleAsync(new CreateTenant("tenant-" + Guid.NewGuid().ToString("N")[..8], Scopes: scopes), CancellationToken.None);
        return (created.TenantId, Xapi(created.Key, created.Secret));
    }

    /// <summary>Another credential of the bootstrap tenant with the given scopes.</summary>
    public async Task<HttpClient> CredentialAsync(XapiScope scopes)
    {
        using var scope = Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenancyStore>();
        var tenant = (await store.FindCredentialAsync(Key, CancellationToken.None))!.TenantId;
        var issued = await scope.ServiceProvider.GetRequiredService<IssueCredentialHandler>()
            .HandleAsync(new IssueCredential(tenant, "scoped", scopes), CancellationToken.None);
        return Xapi(issued.Key, issued.Secret);
    }
}

public sealed class PostgresLrsFactory : LrsFactory
{
    protected override string Provider => "Postgres";

    public string DatabaseConnectionString => ConnectionString;

    public override async Task InitializeAsync() => ConnectionString = await TestDatabases.CreatePostgresAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabases.DropPostgresAsync(ConnectionString);
    }
}

public sealed class SqliteLrsFactory : LrsFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "lrs-test-" + Guid.NewGuid().ToString("N") + ".db");

    public SqliteLrsFactory() => ConnectionString = $"Data Source={_file}";

    protected override string Provider => "Sqlite";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresLrsFactory>
{
    public const string Name = "postgres";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteLrsFactory>
{
    public const string Name = "sqlite";
}
