using System.Text.Json;
using Lrs.Application.Common;
using Lrs.Domain;

namespace Lrs.Application.Courses;

/// <summary>Create or replace a course from its JSON document (PUT /api/v1/courses/{id}).</summary>
public sealed record SaveCourse(Guid TenantId, string Id, byte[] Body);

/// <summary>The course as stored, and whether this request created it.</summary>
public sealed record SavedCourse(CourseDocument Course, bool Created);

public sealed class SaveCourseHandler(ICourseStore store, TimeProvider time)
{
    public async Task<XapiResult<SavedCourse>> HandleAsync(SaveCourse command, CancellationToken ct)
    {
        Domain.Courses.Course course;
        try
        {
            course = CourseDocument.Parse(command.Body).ToCourse(command.Id);
        }
        catch (DomainException e)
        {
            return XapiError.BadRequest(e.Message);
        }

        return await SaveAsync(store, command.TenantId, course, time.GetUtcNow(), ct);
    }

    internal static async Task<SavedCourse> SaveAsync(ICourseStore store, Guid tenantId, Domain.Courses.Course course, DateTimeOffset now, CancellationToken ct)
    {
        var document = CourseDocument.From(course);
        var created = await store.SaveAsync(tenantId, course, JsonSerializer.Serialize(document, CourseDocument.Json), now, ct);
        return new SavedCourse(document, created);
    }
}
