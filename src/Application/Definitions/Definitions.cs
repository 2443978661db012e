using System.Text.Json;
using System.Text.Json.Serialization;
using Lrs.Application.Common;
using Lrs.Domain;
using Lrs.Domain.Courses;

namespace Lrs.Application.Definitions;

/// <summary>Where a competency's evidence comes from: completing a course, or completing or passing an activity (a lesson, quiz, assignment …).</summary>
public sealed record EvidenceSource(string? Course, string? Activity);

/// <summary>A competency (data-model seed: Competency) and the evidence that makes a learner master it.</summary>
/// <remarks>
/// Level: beginner, intermediate or advanced, the competency's own level, not a learner's. Evidence: the sources of evidence; a learner's
/// level is the share of them satisfied × 100, mastered when all are.
/// </remarks>
public sealed record CompetencyDocument(string? Id, string? Name, string? Description, string? Category, string? Level, IReadOnlyList<EvidenceSource?>? Evidence);

/// <summary>What earns an achievement: <c>course-completed</c> (course), <c>courses-completed</c> (count), <c>learning-path-completed</c> (path), <c>quiz-passed</c> (activity).</summary>
public sealed record AchievementCriteria(string? Kind, string? Course, int? Count, string? Path, string? Activity);

/// <summary>An achievement (data-model seed: Achievement); earning it adds its points to the learner's total.</summary>
public sealed record AchievementDocument(string? Id, string? Name, string? Description, string? ImageUrl, string? Category, int? Points, AchievementCriteria? Criteria);

/// <summary>Parsing and validation of the definition documents; a <see cref="DomainException"/> names the property at fault.</summary>
public static class DefinitionDocuments
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static readonly string[] Levels = ["beginner", "intermediate", "advanced"];

    public static readonly string[] CriteriaKinds = ["course-completed", "courses-completed", "learning-path-completed", "quiz-passed"];

    public static CompetencyDocument Competency(ReadOnlySpan<byte> body, string id)
    {
        var c = Read<CompetencyDocument>(body, "competency");
        Same(c.Id, id);
        if (c.Level is not null && !Levels.Contains(c.Level))
        {
            throw new DomainException($"level must be one of {string.Join(", ", Levels)}, got '{c.Level}'.");
        }

        var evidence = (c.Evidence ?? []).Select((e, i) => (e?.Course, e?.Activity) switch
        {
            ({ } course, null) => new EvidenceSource(Identifiers.Id(course, $"evidence[{i}].course"), null),
            (null, { } activity) => new EvidenceSource(null, Identifiers.ActivityId(activity, $"evidence[{i}].activity")),
            _ => throw new DomainException($"evidence[{i}] must name exactly one of course or activity."),
        }).ToList();
        if (evidence.Count == 0)
        {
            throw new DomainException("evidence must list at least one source: {\"course\": id} or {\"activity\": IRI}.");
        }

        return c with { Id = Identifiers.Id(id, "id"), Name = Identifiers.Title(c.Name, "name"), Evidence = evidence };
    }

    public static AchievementDocument Achievement(ReadOnlySpan<byte> body, string id)
    {
        var a = Read<AchievementDocument>(body, "achievement");
        Same(a.Id, id);
        if (a.Points is < 0)
        {
            throw new DomainException($"points must be 0 or more, got {a.Points}.");
        }

        var c = a.Criteria ?? throw new DomainException("criteria is required: {\"kind\": ...} with the kind's target.");
        var criteria = c.Kind switch
        {
            "course-completed" => new AchievementCriteria(c.Kind, Identifiers.Id(c.Course, "criteria.course"), null, null, null),
            "courses-completed" when c.Count is >= 1 => new AchievementCriteria(c.Kind, null, c.Count, null, null),
            "courses-completed" => throw new DomainException("criteria.count must be 1 or more for courses-completed."),
            "learning-path-completed" => new AchievementCriteria(c.Kind, null, null, Identifiers.Id(c.Path, "criteria.path"), null),
            "quiz-passed" => new AchievementCriteria(c.Kind, null, null, null, Identifiers.ActivityId(c.Activity, "criteria.activity")),
            _ => throw new DomainException($"criteria.kind must be one of {string.Join(", ", CriteriaKinds)}, got '{c.Kind}'."),
        };
        return a with { Id = Identifiers.Id(id, "id"), Name = Identifiers.Title(a.Name, "name"), Points = a.Points ?? 0, Criteria = criteria };
    }

    private static T Read<T>(ReadOnlySpan<byte> body, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new DomainException($"The body must be a JSON object describing a {what}.");
        }
        catch (JsonException e)
        {
            var path = e.Path is null or "$" ? "the body" : e.Path.TrimStart('$', '.');
            throw new DomainException(e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"{path} is not a property of a {what}."
                : $"{path} is not valid JSON of the right type.");
        }
    }

    private static void Same(string? bodyId, string id)
    {
        if (bodyId is not null && bodyId != id)
        {
            throw new DomainException($"id '{bodyId}' in the body differs from the id '{id}' in the URL.");
        }
    }
}

/// <summary>Competency and achievement definitions of one tenant; saving one queues every learner for recomputation.</summary>
public interface IDefinitionStore
{
    /// <summary>Inserts or replaces the definition (<paramref name="kind"/>: competency or achievement); true when created.</summary>
    Task<bool> SaveAsync(Guid tenantId, string kind, string id, string name, string document, DateTimeOffset now, CancellationToken ct);

    Task<string?> FindAsync(Guid tenantId, string kind, string id, CancellationToken ct);
}

public sealed record SaveDefinition(Guid TenantId, string Kind, string Id, byte[] Body);

public sealed class DefinitionHandler(IDefinitionStore store, TimeProvider time)
{
    public const string Competency = "competency";
    public const string Achievement = "achievement";

    /// <summary>The stored document and whether this request created it.</summary>
    public async Task<XapiResult<(object Document, bool Created)>> SaveAsync(SaveDefinition command, CancellationToken ct)
    {
        object document;
        string name;
        try
        {
            if (command.Kind == Competency)
            {
                var c = DefinitionDocuments.Competency(command.Body, command.Id);
                (document, name) = (c, c.Name!);
            }
            else
            {
                var a = DefinitionDocuments.Achievement(command.Body, command.Id);
                (document, name) = (a, a.Name!);
            }
        }
        catch (DomainException e)
        {
            return XapiError.BadRequest(e.Message);
        }

        var json = JsonSerializer.Serialize(document, document.GetType(), DefinitionDocuments.Json);
        var created = await store.SaveAsync(command.TenantId, command.Kind, command.Id, name, json, time.GetUtcNow(), ct);
        return (document, created);
    }

    public Task<string?> FindAsync(Guid tenantId, string kind, string id, CancellationToken ct) => store.FindAsync(tenantId, kind, id, ct);
}
