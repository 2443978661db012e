using System.Text.Json.Nodes;
using Lrs.Application.Common;
using Lrs.Application.Security;
using Lrs.Application.Statements.Validation;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Activities;

/// <summary>GET /activities: the complete Activity Object with the LRS's canonical definition (Communication §2.5).</summary>
public sealed record GetActivity(XapiCaller Caller, string? ActivityId);

/// <summary>The canonical Activity definitions of a tenant. Every call is confined to that tenant.</summary>
public interface IActivityReader
{
    /// <summary>The canonical definitions of those of <paramref name="ids"/> that have one.</summary>
    Task<IReadOnlyDictionary<string, JsonObject>> FindDefinitionsAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct);
}

public sealed class GetActivityHandler(IActivityReader reader)
{
    public async Task<XapiResult<JsonObject>> HandleAsync(GetActivity request, CancellationToken ct)
    {
        if (request.ActivityId is not { } id)
        {
            return XapiError.BadRequest("GET activities requires the activityId parameter (Communication §2.5).");
        }

        if (!XapiParameters.IsIri(id))
        {
            return XapiError.BadRequest("Parameter 'activityId' must be an IRI.");
        }

        if (!request.Caller.Scopes.CanReadActivitiesAndAgents())
        {
            return XapiError.Forbidden("This credential may not read activities.");
        }

        // Communication §2.5: without a canonical definition the LRS still returns an Activity Object.
        var activity = new JsonObject { ["objectType"] = "Activity", ["id"] = id };
        var definitions = await reader.FindDefinitionsAsync(request.Caller.TenantId, [id], ct);
        if (definitions.TryGetValue(id, out var definition))
        {
            activity["definition"] = definition;
        }

        return activity;
    }
}
