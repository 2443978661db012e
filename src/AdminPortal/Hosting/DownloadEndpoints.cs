using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lrs.Application.Portal;
using Lrs.Application.Security;
using Lrs.Application.Transcripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lrs.AdminPortal.Hosting;

/// <summary>Files the portal offers: a learner's transcript (JSON or PDF) and each report as CSV, for the admin's tenant.</summary>
public static class DownloadEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        var downloads = app.MapGroup(PortalAuth.Base + "/download").RequireAuthorization(PortalAuth.AdminPolicy).ExcludeFromDescription();
        downloads.MapGet("/transcript", TranscriptAsync);
        downloads.MapGet("/reports/{report}.csv", ReportAsync);
        return app;
    }

    private static async Task<IResult> TranscriptAsync(HttpContext http, string? learner, string? format, GetTranscriptHandler handler, ITranscriptPdf pdf)
    {
        if (PortalAuth.TenantOf(http.User) is not { } tenant)
        {
            return NoTenant();
        }

        if (format is not ("json" or "pdf"))
        {
            return Problem(StatusCodes.Status400BadRequest, "format must be json or pdf.");
        }

        if (string.IsNullOrWhiteSpace(learner))
        {
            return Problem(StatusCodes.Status400BadRequest, "learner is required: the learner's identifier, e.g. mbox:mailto:ann@example.com.");
        }

        var result = await handler.HandleAsync(new GetTranscript(Caller(http.User, tenant), LearnerKeys.ToAgentJson(learner)), http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problem(result.Error!.Status, result.Error.Message);
        }

        var transcript = result.Value!;
        if (format == "json")
        {
            var name = Path.ChangeExtension(pdf.FileNameOf(transcript), ".json");
            return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(transcript, Json), "application/json", name);
        }

        return pdf.IsAvailable
            ? TypedResults.File(pdf.Render(transcript), "application/pdf", pdf.FileNameOf(transcript))
            : Problem(StatusCodes.Status501NotImplemented, "PDF transcripts are not enabled on this server (setting Lrs:Pdf:PdfSharpLicense).");
    }

    private static async Task<IResult> ReportAsync(HttpContext http, string report, string? course, PortalReports reports)
    {
        if (PortalAuth.TenantOf(http.User) is not { } tenant)
        {
            return NoTenant();
        }

        var rows = await reports.AllRowsAsync(report, tenant, course, http.RequestAborted);
        if (!rows.IsSuccess)
        {
            return Problem(rows.Error!.Status, rows.Error.Message);
        }

        var csv = new StringBuilder();
        foreach (var row in rows.Value!)
        {
            csv.AppendJoin(',', row.Select(Csv)).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"{report}.csv");
    }

    /// <summary>The portal reads as the admin, confined to the tenant they chose, with read-only access to every statement.</summary>
    public static XapiCaller Caller(ClaimsPrincipal user, Guid tenant)
    {
        var email = user.Identity?.Name ?? "admin";
        var authority = new System.Text.Json.Nodes.JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:" + email };
        return new XapiCaller(tenant, "portal:" + email, Domain.Tenancy.XapiScope.AllRead, authority, "mbox:mailto:" + email);
    }

    // RFC 4180: quote fields holding separators, quotes or line breaks; a leading formula character is neutralised.
    private static string Csv(string value)
    {
        var text = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static IResult NoTenant() => Problem(StatusCodes.Status409Conflict, "Choose a tenant first: this LRS has none yet.");

    private static IResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
