using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace Lrs.Portal.Tests.Support;

/// <summary>
/// The built host on a loopback port over a fresh PostgreSQL database, seeded through the xAPI and internal APIs, and
/// Debian's Chromium driven headless by Playwright (never a downloaded browser). If the browser cannot start, every test fails.
/// </summary>
public sealed class PortalHost : IAsyncLifetime
{
    public const string AdminEmail = "owner@example.com";
    public const string AdminPassword = "portal-owner-password";
    public const string XapiKey = "portal-key";
    public const string XapiSecret = "portal-secret";
    public const string Chromium = "/usr/bin/chromium";

    private readonly TempDirectory _directory = new();
    private PostgresDatabase? _database;
    private LrsProcess? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _host!.BaseAddress;

    public PortalScenario Scenario { get; private set; } = null!;

    /// <summary>The bootstrap tenant the seeded credential belongs to.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>Screenshots of every page visited, under the test output directory.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(Screenshots);
        _database = await PostgresDatabase.CreateAsync();
        _host = LrsProcess.Start(_directory.Path, new Dictionary<string, string>
        {
            ["Lrs__Database__Provider"] = "Postgres",
            ["Lrs__Database__ConnectionString"] = _database.ConnectionString,
            ["Lrs__Bootstrap__XapiKey"] = XapiKey,
            ["Lrs__Bootstrap__XapiSecret"] = XapiSecret,
            ["Lrs__Bootstrap__AdminEmail"] = AdminEmail,
            ["Lrs__Bootstrap__AdminPassword"] = AdminPassword,
            ["Lrs__Pdf__PdfSharpLicense"] = "AGPL",
            ["Lrs__Projector__PollMilliseconds"] = "100",
            ["Lrs__Relay__PollMilliseconds"] = "100",
            // The event pages need a real bus that a test can publish to from outside the process.
            ["Lrs__Bus__Transport"] = "RabbitMq",
            ["Lrs__Bus__RabbitMq__Host"] = Broker.Host,
            ["Lrs__Bus__RabbitMq__Port"] = Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lrs__Bus__RabbitMq__Username"] = Broker.UserName,
            ["Lrs__Bus__RabbitMq__Password"] = Broker.Password,
            ["Lrs__Bus__RetryLimit"] = "2",
            ["Lrs__Bus__RetryInitialMilliseconds"] = "20",
        });
        await _host.WaitReadyAsync();
        Scenario = await PortalScenario.SeedAsync(Xapi());
        await using (var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM tenants WHERE name = 'default'", connection);
            TenantId = (Guid)(await command.ExecuteScalarAsync())!;
        }

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (build/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser session (no cookies) in the Berlin time zone, so local times differ from UTC.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            AcceptDownloads = true,
            TimezoneId = "Europe/Berlin",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>An HTTP client of the xAPI and internal APIs with the given (default: the bootstrap) credential.</summary>
    public HttpClient Xapi(string key = XapiKey, string secret = XapiSecret)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            // The host's log beside the screenshots, for whoever reads a failure.
            await File.WriteAllTextAsync(Path.Combine(Screenshots, "host.log"), _host.Output);
            _host.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }

    /// <summary>Posts statements; fails the test unless the LRS stores them.</summary>
    public static async Task PostAsync(HttpClient client, JsonArray statements)
    {
        using var response = await client.PostAsJsonAsync("/xapi/statements", statements);
        Assert.True(response.IsSuccessStatusCode, $"POST statements: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalHost>
{
    public const string Name = "portal";
}
