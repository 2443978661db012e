using Lrs.AdminPortal.Hosting;
using Lrs.Api.Hosting;
using Lrs.Api.Internal;
using Lrs.Api.Xapi;
using Lrs.Application;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Infrastructure;
using Lrs.Infrastructure.Erasure;
using Lrs.Infrastructure.Messaging;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Sagas.Completion;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var migrateOnly = args.Contains("--migrate-only");
var rebuildProjections = args.Contains("--rebuild-projections");
var seedDemo = args.Contains(DemoSeeding.Option);

// The switches above take no value: kept in the configuration's arguments, one would take the next option
// (`--seed-demo --urls http://...`) as its value. Content from the build output (appsettings.json), data
// relative to where the LRS was started.
string[] switches = ["--migrate-only", "--rebuild-projections", DemoSeeding.Option];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args.Where(a => !switches.Contains(a))],
    ContentRootPath = AppContext.BaseDirectory,
});
var roles = new LrsRoles(builder.Configuration["Lrs:Roles"]);
var oneShot = migrateOnly || rebuildProjections;
BusOptions bus;
try
{
    bus = BusOptions.Read(builder.Configuration);
    AnalyticsOptions.Read(builder.Configuration);
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"Lrs could not start: {e.Message}");
    return 1;
}

var limits = new XapiLimits(builder.Configuration.GetValue<long?>("Lrs:Xapi:MaxBodyBytes") ?? XapiLimits.DefaultMaxBodyBytes);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxBodyBytes + 1024);
builder.Services.AddSingleton(limits);

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, runPartitionMaintenance: roles.Has("partitions") && !migrateOnly);
builder.Services.AddProgress(builder.Configuration, runProjector: roles.Has("projector") && !oneShot);
builder.Services.AddCompletionSagaStore(builder.Configuration);
var runSagas = roles.Has("relay") && !oneShot;
builder.Services.AddMessaging(builder.Configuration, bus, runRelay: roles.Has("relay") && !oneShot, runConsumers: roles.Has("ingest") && !oneShot,
    configure: x =>
    {
        // Sagas run with the relay: the process that publishes the events follows them through.
        if (runSagas)
        {
            x.AddCompletionSaga(builder.Services);
        }
    });
builder.Services.AddSingleton(roles);
if (roles.Has("projector") && !oneShot)
{
    // Erasure rewrites the ledger and the read models together, so it runs where the projector runs.
    builder.Services.AddHostedService(sp => sp.GetRequiredService<ErasureWorker>());
}

builder.Services.AddSingleton(builder.Configuration.GetSection("Lrs:Xapi").Get<XapiAuthOptions>() ?? new XapiAuthOptions());
builder.Services.AddSingleton(builder.Configuration.GetSection("Lrs:Statements").Get<StatementQueryOptions>() ?? new StatementQueryOptions());
builder.Services.AddExceptionHandler<ExceptionHandler>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true);
if (roles.Has("portal"))
{
    builder.Services.AddAdminPortal();
    // The portal's scripts and styles come from its packages' static web assets, in every environment.
    builder.WebHost.UseStaticWebAssets();
}

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
    .AllowAnyOrigin()
    .AllowAnyMethod()
    .AllowAnyHeader()
    .WithExposedHeaders(XapiHeaders.Version, XapiHeaders.ConsistentThrough, "ETag", "Last-Modified", "Retry-After",
        "Location", IdempotencyFilter.ReplayedHeader)
    .SetPreflightMaxAge(TimeSpan.FromHours(1))));

var app = builder.Build();

string? firstRun;
try
{
    firstRun = await FirstRun.PrepareAsync(app.Services, CancellationToken.None);
}
catch (Exception e)
{
    // A misconfiguration or an unreachable database: say so plainly instead of a stack trace.
    await Console.Error.WriteLineAsync($"Lrs could not start: {e.GetBaseException().Message}");
    return 1;
}

if (migrateOnly)
{
    Console.WriteLine("Migrations applied.");
    if (!seedDemo)
    {
        return 0;
    }

    // Seed and exit: for scripts and images that prepare a demo database ahead of serving it.
    try
    {
        Console.WriteLine(DemoSeeding.Describe(await DemoSeeding.RunWithoutHostAsync(app.Services, CancellationToken.None), null, false));
        return 0;
    }
    catch (Exception e)
    {
        await Console.Error.WriteLineAsync($"The demo data could not be seeded: {e.GetBaseException().Message}");
        return 1;
    }
}

if (rebuildProjections)
{
    // The read models are derived from the ledger alone (docs/decisions/0005), so they can be rebuilt at any time.
    var projected = await app.Services.GetRequiredService<ProgressProjector>().RebuildAsync(CancellationToken.None);
    Console.WriteLine($"Projections rebuilt from {projected} statements.");
    return 0;
}

app.UseExceptionHandler();
app.UseCors();
if (roles.Has("api"))
{
    app.UseWhen(c => c.Request.Path.StartsWithSegments("/xapi"), xapi => xapi
        .UseMiddleware<AlternateRequestSyntaxMiddleware>()
        .UseMiddleware<XapiVersionMiddleware>());
}

app.UseRouting();
if (roles.Has("portal"))
{
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();
}

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = c => c.Tags.Contains("ready"),
    ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
    }),
});

if (roles.Has("api"))
{
    var xapi = app.MapGroup("/xapi").AddEndpointFilter<XapiAuthenticationFilter>();
    xapi.MapStatements();
    xapi.MapDocuments();
    xapi.MapActivities();
    xapi.MapAgents();
    app.MapAbout();
    app.MapTranscripts();
    app.MapInternalApi();
    app.MapOpenApi();
}

if (roles.Has("portal"))
{
    app.MapStaticAssets();
    app.MapAdminPortal();
}

string Endpoint()
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    return (addresses.Select(a => a.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal))
        .FirstOrDefault() ?? "http://localhost:5000").TrimEnd('/');
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var endpoint = Endpoint();
    Console.WriteLine();
    Console.WriteLine($"Lrs is running ({roles}) on {app.Services.GetRequiredService<DatabaseOptions>().Provider}.");
    Console.WriteLine($"  xAPI endpoint: {endpoint}/xapi/");
    if (roles.Has("portal"))
    {
        Console.WriteLine($"  Admin portal:  {endpoint}/admin/");
    }

    if (firstRun is not null)
    {
        Console.WriteLine("  " + firstRun);
    }

    Console.WriteLine();
});

if (!seedDemo)
{
    await app.RunAsync();
    return 0;
}

// The demo statements go through the running host's ingest writer, so the host starts first and serves meanwhile.
await app.StartAsync();
Console.WriteLine("Seeding the demo tenant...");
try
{
    var seeded = await DemoSeeding.RunAsync(app.Services, app.Lifetime.ApplicationStopping);
    Console.WriteLine(DemoSeeding.Describe(seeded, Endpoint(), roles.Has("portal")));
}
catch (Exception e) when (e is not OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"The demo data could not be seeded: {e.GetBaseException().Message}");
    await app.StopAsync();
    return 1;
}

await app.WaitForShutdownAsync();
return 0;

/// <summary>The host's entry point, visible to the test host.</summary>
public partial class Program;
