using Lrs.Application.Common;
using Lrs.Application.Courses.Cmi5;
using Lrs.Domain;

namespace Lrs.Application.Courses;

/// <summary>Create or replace the course described by a cmi5 course structure XML (cmi5 §13, §14.2).</summary>
public sealed record ImportCmi5Course(Guid TenantId, byte[] Xml);

public sealed class ImportCmi5CourseHandler(ICourseStore store, TimeProvider time)
{
    public async Task<XapiResult<SavedCourse>> HandleAsync(ImportCmi5Course command, CancellationToken ct)
    {
        Domain.Courses.Course course;
        try
        {
            course = Cmi5CourseStructure.Read(command.Xml);
        }
        catch (DomainException e)
        {
            return XapiError.BadRequest(e.Message);
        }

        return await SaveCourseHandler.SaveAsync(store, command.TenantId, course, time.GetUtcNow(), ct);
    }
}
