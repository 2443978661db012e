using System.Diagnostics;
using System.Text.Json.Nodes;
using Lrs.Application.Courses;
using Lrs.Application.Progress;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Application.Tenancy;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Demo;

/// <summary>Fill the demo tenant with courses, learners and their statements (the <c>--seed-demo</c> option).</summary>
/// <param name="BatchSize">Statements per write, as a client would POST them.</param>
public sealed record SeedDemo(int BatchSize = 500);

/// <summary>What seeding did. <paramref name="Created"/> is false when the demo tenant was already complete and nothing was written.</summary>
/// <remarks><c>Projection</c> is the part of <c>Elapsed</c> spent bringing the progress read models up to date.</remarks>
public sealed record DemoSeeded(bool Created, Guid TenantId, string Key, string Secret, int Courses, int Learners, int Statements, int Voided, TimeSpan Elapsed)
{
    public TimeSpan Projection { get; init; }
}

/// <summary>
/// Creates the demo tenant with a fixed id and credential, stores the demo courses through the course store, records the
/// statements through the same validation and ingest writer as <c>POST /xapi/statements</c>, then brings the progress
/// read models up to date. The data are generated from the tenant's creation time, so a run that was interrupted
/// resumes with the same statements (same ids, same content: repeats are no-ops); a complete tenant is left alone.
/// </summary>
public sealed class SeedDemoHandler(
    ITenancyStore tenancy,
    CreateTenantHandler createTenant,
    IssueCredentialHandler issueCredential,
    AuthenticateCaller authenticate,
    ICourseStore courses,
    RecordStatementsHandler record,
    IStatementReader statements,
    IProgressCatchUp progress,
    TimeProvider time)
{
    public const string TenantName = "demo";
    public const string Key = "lrs_demo";
    public const string Secret = "lrs_demo_secret";
    public static readonly Guid TenantId = new("019a5e3d-de70-7000-8000-00000000de70");

    public async Task<DemoSeeded> HandleAsync(SeedDemo command, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var existing = await tenancy.FindTenantAsync(TenantId, ct);
        var tenant = existing ?? await CreateTenantAsync(ct);
        var data = DemoDataSet.Generate(Anchor(tenant));
        var voided = data.Statements.Count(s => s.Json["verb"]!["id"]!.GetValue<string>() == DemoVerbs.Voided);
        if (existing is not null && await statements.FindAsync(TenantId, data.Statements[^1].Id, voided: false, ct) is not null)
        {
            return new DemoSeeded(false, TenantId, Key, Secret, data.Courses.Count, data.Learners.Count, data.Statements.Count, voided, watch.Elapsed);
        }

        await EnsureCredentialAsync(ct);
        var caller = await authenticate.HandleAsync(Key, Secret, ct)
            ?? throw new InvalidOperationException($"The demo credential '{Key}' exists with another secret; remove it or use another database.");
        var now = time.GetUtcNow();
        foreach (var (id, document) in data.Courses)
        {
            await SaveCourseHandler.SaveAsync(courses, TenantId, document.ToCourse(id), now, ct);
        }

        foreach (var batch in data.Statements.Chunk(command.BatchSize))
        {
            await RecordAsync(caller, batch, ct);
        }

        var recorded = watch.Elapsed;
        await progress.CatchUpAsync(ct);
        return new DemoSeeded(true, TenantId, Key, Secret, data.Courses.Count, data.Learners.Count, data.Statements.Count, voided, watch.Elapsed)
        {
            Projection = watch.Elapsed - recorded,
        };
    }

    /// <summary>The moment the demo's eight weeks end: the tenant's creation, to the second, so a resumed run generates alike.</summary>
    public static DateTimeOffset Anchor(Tenant tenant) =>
        DateTimeOffset.FromUnixTimeSeconds(tenant.CreatedAt.ToUnixTimeSeconds());

    private async Task<Tenant> CreateTenantAsync(CancellationToken ct)
    {
        await createTenant.HandleAsync(new CreateTenant(TenantName, Key, Secret, XapiScope.All, TenantId), ct);
        return await tenancy.FindTenantAsync(TenantId, ct) ?? throw new InvalidOperationException("The demo tenant was not stored.");
    }

    private async Task EnsureCredentialAsync(CancellationToken ct)
    {
        var credential = await tenancy.FindCredentialAsync(Key, ct);
        if (credential is null)
        {
            await issueCredential.HandleAsync(new IssueCredential(TenantId, TenantName, XapiScope.All, Key, Secret), ct);
        }
        else if (credential.TenantId != TenantId)
        {
            throw new InvalidOperationException($"The credential key '{Key}' belongs to another tenant; the demo needs it.");
        }
    }

    private async Task RecordAsync(XapiCaller caller, IEnumerable<DemoStatement> batch, CancellationToken ct)
    {
        // Serialised and parsed again, the body is exactly what a client's POST would deliver to the handler.
        var body = JsonNode.Parse(StatementJson.Serialize(new JsonArray([.. batch.Select(s => (JsonNode)s.Json.DeepClone())])));
        var result = await record.HandleAsync(new RecordStatements(caller, body), ct);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Demo statements were refused ({result.Error!.Status}): {result.Error.Message}");
        }
    }
}
