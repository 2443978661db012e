using System.Text.Json.Nodes;
using Lrs.Application.Courses;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Application.Tenancy;
using Lrs.Domain;
using Lrs.Domain.Tenancy;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Events.Upstream;

/// <summary>Configuration section <c>Lrs:Upstream</c>.</summary>
public sealed class UpstreamOptions
{
    /// <summary>The account homePage of platform users: upstream user ids become xAPI account agents under it.</summary>
    public string UserHomePage { get; init; } = "http://localhost/users";

    /// <summary>The account homePage of the authority recorded for statements written from upstream events.</summary>
    public string AuthorityHomePage { get; init; } = "http://localhost/xapi/services";
}

/// <summary>
/// Applies an upstream event: a statement through the same path as <c>POST /xapi/statements</c> (validation, the
/// ingest writer), or for <see cref="CourseUpdated"/> the new title through the course store.
/// </summary>
public sealed class RecordUpstreamEventHandler(
    RecordStatementsHandler statements, ICourseStore courses, ITenancyStore tenants, UpstreamOptions options, TimeProvider time)
{
    public async Task HandleAsync(ITenantMessage message, Guid messageId, string source, CancellationToken ct)
    {
        await tenants.RequireAsync(message.TenantId, MessageContracts.NameOf(message.GetType()), ct);
        if (message is CourseUpdated course)
        {
            await RenameAsync(course, ct);
            return;
        }

        var statement = UpstreamStatements.ToStatement(message, messageId, options.UserHomePage)
            ?? throw new InvalidMessageException($"{MessageContracts.NameOf(message.GetType())} does not map to a statement.");
        var authority = new JsonObject
        {
            ["objectType"] = "Agent",
            ["account"] = new JsonObject { ["homePage"] = options.AuthorityHomePage, ["name"] = source },
        };
        var caller = new XapiCaller(message.TenantId, source, XapiScope.All, authority, AgentIdentity.Account(options.AuthorityHomePage, source).Key);
        var result = await statements.HandleAsync(new RecordStatements(caller, statement), ct);
        if (result.Error is { } error)
        {
            // 400 and 409 will not change on a retry; 503 (ingest queue full) will.
            throw error.Status == 503
                ? new InvalidOperationException(error.Message)
                : new InvalidMessageException($"The statement for {MessageContracts.NameOf(message.GetType())} was rejected: {error.Message}");
        }
    }

    private async Task RenameAsync(CourseUpdated updated, CancellationToken ct)
    {
        // A title for a course whose structure the LRS does not know has nothing to attach to; structure arrives by
        // PUT /api/v1/courses or a cmi5 import, and the title is applied then.
        if (await courses.FindAsync(updated.TenantId, updated.Id, ct) is not { } stored)
        {
            return;
        }

        try
        {
            var document = CourseDocument.Parse(System.Text.Encoding.UTF8.GetBytes(stored.Document)) with { Title = updated.Title };
            await SaveCourseHandler.SaveAsync(courses, updated.TenantId, document.ToCourse(stored.Id), time.GetUtcNow(), ct);
        }
        catch (DomainException e)
        {
            throw new InvalidMessageException($"course.course_updated.v1 for '{updated.Id}': {e.Message}");
        }
    }
}
