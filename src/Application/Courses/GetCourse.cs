using System.Text.Json;

namespace Lrs.Application.Courses;

public sealed record GetCourse(Guid TenantId, string Id);

public sealed class GetCourseHandler(ICourseStore store)
{
    /// <summary>The course, or null when the tenant has none with that id.</summary>
    public async Task<CourseDocument?> HandleAsync(GetCourse query, CancellationToken ct)
    {
        var stored = await store.FindAsync(query.TenantId, query.Id, ct);
        return stored is null ? null : JsonSerializer.Deserialize<CourseDocument>(stored.Document, CourseDocument.Json);
    }
}
