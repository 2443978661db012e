using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Security;

/// <summary>Versioning (Communication §3.3), authentication and scopes (§4), CORS, health.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ProtocolTests(PostgresLrsFactory lrs)
{
    [Theory] // Communication §3.3: missing, pre-1.0 and 1.1+ versions are rejected with 400
    [InlineData(null)]
    [InlineData("0.95")]
    [InlineData("1.1.0")]
    [InlineData("2.0.0")]
    [InlineData("1.0.x")]
    public async Task Request_UnsupportedVersionHeader_Returns400WithVersionHeader(string? version)
    {
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(LrsFactory.Key, LrsFactory.Secret);
        if (version is not null)
        {
            client.DefaultRequestHeaders.Add("X-Experience-API-Version", version);
        }

        var response = await client.GetAsync("/xapi/statements");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
    }

    [Theory] // Communication §3.3: "1.0" is 1.0.0, any 1.0.x is accepted
    [InlineData("1.0")]
    [InlineData("1.0.0")]
    [InlineData("1.0.3")]
    [InlineData("1.0.9")]
    public async Task Request_SupportedVersionHeader_IsAccepted(string version)
    {
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(LrsFactory.Key, LrsFactory.Secret);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", version);
        var response = await client.GetAsync("/xapi/statements");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
    }

    [Fact] // Communication §3.2 401: no credentials
    public async Task Request_WithoutCredentials_Returns401WithChallenge()
    {
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        var response = await client.GetAsync("/xapi/statements");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.True(response.Headers.Contains("X-Experience-API-Consistent-Through")); // §2.1.3: on all statement responses
    }

    [Fact] // Communication §3.2 401: refused credentials
    public async Task Request_WrongSecret_Returns401()
    {
        var response = await lrs.Xapi(LrsFactory.Key, "wrong").GetAsync("/xapi/statements");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact] // Communication §3.2 403, §4.2 scopes: a read-only credential cannot write
    public async Task PostStatements_ReadOnlyCredential_Returns403()
    {
        var reader = await lrs.CredentialAsync(XapiScope.StatementsRead);
        var response = await reader.PostAsync("/xapi/statements", Json(Statement()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact] // §4.2: a write-only credential cannot read
    public async Task GetStatements_WriteOnlyCredential_Returns403()
    {
        var writer = await lrs.CredentialAsync(XapiScope.StatementsWrite);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/xapi/statements")).StatusCode);
    }

    [Fact] // §4.2 statements/read/mine: only statements whose authority is this credential
    public async Task GetStatements_ReadMine_SeesOnlyItsOwnStatements()
    {
        var mine = await lrs.CredentialAsync(XapiScope.StatementsWrite | XapiScope.StatementsReadMine);
        var activity = NewActivity();
        var own = (await PostAsync(mine, Statement(activity: activity)))[0];
        var other = (await PostAsync(lrs.Xapi(), Statement(activity: activity)))[0];

        var result = await GetResultAsync(mine, $"?activity={Q(activity)}");
        Assert.Equal([own.ToString()], result["statements"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/xapi/statements?statementId={other}")).StatusCode);
    }

    [Fact] // CORS for browser-based content: preflight allows the xAPI headers
    public async Task Preflight_FromBrowserContent_AllowsXapiHeaders()
    {
        var client = lrs.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/xapi/statements");
        request.Headers.Add("Origin", "https://content.example.com");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-experience-api-version");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("x-experience-api-version", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LiveAndReady_Return200WhenMigrated()
    {
        var client = lrs.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Healthy", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact] // Operations: the Lrs meter counts stored statements and records batch sizes
    public async Task PostStatements_Metrics_CountStoredStatementsAndBatches()
    {
        long stored = 0;
        var batches = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Lrs")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "lrs.statements.stored")
            {
                Interlocked.Add(ref stored, value);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) =>
        {
            if (instrument.Name == "lrs.ingest.batch_size")
            {
                Interlocked.Increment(ref batches);
            }
        });
        listener.Start();

        await PostAsync(lrs.Xapi(), Statement(), Statement(), Statement());

        Assert.True(Interlocked.Read(ref stored) >= 3);
        Assert.True(Volatile.Read(ref batches) >= 1);
    }

    private static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
}
