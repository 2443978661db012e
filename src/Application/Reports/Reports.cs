using Lrs.Application.Common;

namespace Lrs.Application.Reports;

internal static class Reports
{
    public static XapiError? RequireCourse(string? courseId) => string.IsNullOrWhiteSpace(courseId)
        ? XapiError.BadRequest("The course parameter is required: the id of a course.")
        : null;
}
