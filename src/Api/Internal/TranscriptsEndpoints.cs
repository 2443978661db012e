using System.Text.Json;
using System.Text.Json.Serialization;
using Lrs.Api.Xapi;
using Lrs.Application.Transcripts;
using Lrs.Infrastructure.Transcripts;
using Microsoft.Net.Http.Headers;

namespace Lrs.Api.Internal;

/// <summary>
/// <c>GET /api/v1/transcripts?agent=</c>: a learner's transcript as JSON, or as a PDF for <c>Accept: application/pdf</c>
/// or <c>format=pdf</c>. Authenticated with the same xAPI credentials, but not an xAPI resource: no version header.
/// </summary>
public static class TranscriptsEndpoints
{
    private const string Pdf = "application/pdf";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static IEndpointRouteBuilder MapTranscripts(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").AddEndpointFilter<XapiAuthenticationFilter>()
            .MapGet("/transcripts", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, GetTranscriptHandler handler, TranscriptPdfRenderer renderer)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return XapiProblem.Result(400, error!);
        }

        if (XapiRequest.Unknown(parameters, "agent", "format") is { } unknown)
        {
            return XapiProblem.Result(400, $"Unknown parameter '{unknown}' for GET transcripts.");
        }

        var format = parameters.GetValueOrDefault("format");
        if (format is not (null or "json" or "pdf"))
        {
            return XapiProblem.Result(400, "Parameter 'format' must be json or pdf.");
        }

        var pdf = format == "pdf" || (format is null && PrefersPdf(http.Request));
        var result = await handler.HandleAsync(
            new GetTranscript(XapiAuthenticationFilter.Caller(http), parameters.GetValueOrDefault("agent")), http.RequestAborted);
        if (!result.IsSuccess)
        {
            return XapiProblem.Result(result.Error!.Status, result.Error.Message);
        }

        var transcript = result.Value!;
        if (pdf && !renderer.IsAvailable)
        {
            return XapiProblem.Result(StatusCodes.Status501NotImplemented,
                "PDF transcripts are not enabled on this server (setting Lrs:Pdf:PdfSharpLicense); ask for JSON instead.");
        }

        return pdf
            ? TypedResults.File(renderer.Render(transcript), Pdf, TranscriptPdfRenderer.FileName(transcript))
            : TypedResults.Json(transcript, Json);
    }

    // The PDF only when the client ranks it above JSON; a browser's */* still gets JSON.
    private static bool PrefersPdf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double Quality(string type) => accepted
            .Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var pdf = Quality(Pdf);
        return pdf > 0 && pdf > Quality("application/json");
    }
}
