using System.Text.Json;
using System.Text.Json.Serialization;
using Lrs.Application.Common;
using Lrs.Domain;
using Lrs.Domain.Courses;

namespace Lrs.Application.LearningPaths;

/// <summary>A learning path (data-model seed: LearningPathProgress's path): an ordered list of courses, as the internal API reads and writes it.</summary>
/// <param name="Id">The path id: the URL's id wins; when given in a body it must match it.</param>
/// <param name="Title">The path's title.</param>
/// <param name="Courses">The course ids, in the order a learner takes them; at least one, each once. Courses may be defined later.</param>
public sealed record LearningPathDocument(string? Id, string? Title, IReadOnlyList<string?>? Courses)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and validates a request body for the path <paramref name="id"/>; a <see cref="DomainException"/> names what is wrong.</summary>
    public static LearningPathDocument Parse(ReadOnlySpan<byte> utf8, string id)
    {
        LearningPathDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<LearningPathDocument>(utf8, Json);
        }
        catch (JsonException e)
        {
            var path = e.Path is null or "$" ? "the body" : e.Path.TrimStart('$', '.');
            throw new DomainException(e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"{path} is not a property of a learning path."
                : $"{path} is not valid JSON of the right type.");
        }

        if (document is null)
        {
            throw new DomainException("The body must be a JSON object describing a learning path.");
        }

        if (document.Id is not null && document.Id != id)
        {
            throw new DomainException($"id '{document.Id}' in the body differs from the id '{id}' in the URL.");
        }

        var courses = new List<string>();
        foreach (var (course, index) in (document.Courses ?? []).Select((c, i) => (c, i)))
        {
            var courseId = Identifiers.Id(course, $"courses[{index}]");
            if (courses.Contains(courseId, StringComparer.Ordinal))
            {
                throw new DomainException($"courses[{index}] '{courseId}' is listed twice.");
            }

            courses.Add(courseId);
        }

        if (courses.Count == 0)
        {
            throw new DomainException("courses must list at least one course id.");
        }

        return new LearningPathDocument(Identifiers.Id(id, "id"), Identifiers.Title(document.Title, "title"), courses);
    }
}

/// <summary>Learning paths of one tenant; saving one queues its learners for the projector to recompute (docs/decisions/0008).</summary>
public interface ILearningPathStore
{
    /// <summary>Inserts or replaces the path; true when it was created.</summary>
    Task<bool> SaveAsync(Guid tenantId, LearningPathDocument path, string document, DateTimeOffset now, CancellationToken ct);

    Task<string?> FindAsync(Guid tenantId, string id, CancellationToken ct);
}

public sealed record SaveLearningPath(Guid TenantId, string Id, byte[] Body);

public sealed record SavedLearningPath(LearningPathDocument Path, bool Created);

public sealed class SaveLearningPathHandler(ILearningPathStore store, TimeProvider time)
{
    public async Task<XapiResult<SavedLearningPath>> HandleAsync(SaveLearningPath command, CancellationToken ct)
    {
        LearningPathDocument path;
        try
        {
            path = LearningPathDocument.Parse(command.Body, command.Id);
        }
        catch (DomainException e)
        {
            return XapiError.BadRequest(e.Message);
        }

        var created = await store.SaveAsync(command.TenantId, path, JsonSerializer.Serialize(path, LearningPathDocument.Json), time.GetUtcNow(), ct);
        return new SavedLearningPath(path, created);
    }
}

public sealed class GetLearningPathHandler(ILearningPathStore store)
{
    /// <summary>The path, or null when the tenant has none with that id.</summary>
    public async Task<LearningPathDocument?> HandleAsync(Guid tenantId, string id, CancellationToken ct) =>
        await store.FindAsync(tenantId, id, ct) is { } document ? JsonSerializer.Deserialize<LearningPathDocument>(document, LearningPathDocument.Json) : null;
}
