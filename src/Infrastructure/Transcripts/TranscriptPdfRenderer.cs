using System.Globalization;
using Lrs.Application.Transcripts;
using PdfSharp;
using PdfSharp.Pdf;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>
/// Renders a transcript as an A4 PDF: a title block, then per course a heading, a status line, a table of
/// attempts and the completion dates. Tables that run over a page continue on the next under a repeated
/// heading and column header; every page is numbered "Page n of m".
/// </summary>
public sealed class TranscriptPdfRenderer(PdfOptions options) : ITranscriptPdf
{
    /// <summary>False until a PDFsharp licence is configured (see <see cref="PdfOptions.PdfSharpLicense"/>).</summary>
    public bool IsAvailable => options.Enabled;

    public byte[] Render(Transcript transcript)
    {
        options.Apply();
        TranscriptFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Transcript of {transcript.Learner.DisplayName}";
        document.Info.Subject = transcript.Learner.AgentKey;
        document.Info.Author = "Lrs";
        document.Info.CreationDate = transcript.GeneratedAt.UtcDateTime;

        var layout = new TranscriptLayout(document, transcript);
        layout.Title();
        foreach (var course in transcript.Courses)
        {
            layout.Course(course);
        }

        if (transcript.Progress is { } progress)
        {
            layout.Progress(progress);
        }

        layout.Finish();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public string FileNameOf(Transcript transcript) => FileName(transcript);

    /// <summary>The file name offered for download: the learner's name reduced to safe characters.</summary>
    public static string FileName(Transcript transcript)
    {
        var safe = new string(transcript.Learner.DisplayName.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        safe = string.Join('-', safe.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return $"transcript-{(safe.Length == 0 ? "learner" : safe[..Math.Min(safe.Length, 60)])}-{transcript.GeneratedAt.UtcDateTime:yyyyMMdd}.pdf";
    }

    internal static string Date(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    internal static string Score(AttemptScore? score)
    {
        if (score is null)
        {
            return "—";
        }

        var parts = new List<string>();
        if (score.Scaled is { } scaled)
        {
            parts.Add((scaled * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%");
        }

        if (score.Raw is { } raw)
        {
            var text = raw.ToString("0.##", CultureInfo.InvariantCulture);
            text += score.Max is { } max ? " / " + max.ToString("0.##", CultureInfo.InvariantCulture) : string.Empty;
            parts.Add(parts.Count == 0 ? text : $"({text})");
        }

        return parts.Count == 0 ? "—" : string.Join(' ', parts);
    }

    internal static string Outcome(string outcome) => outcome switch
    {
        AttemptOutcomes.InProgress => "In progress",
        _ => char.ToUpperInvariant(outcome[0]) + outcome[1..],
    };

    internal static string Status(CourseStatus status) => status switch
    {
        CourseStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    internal static PageSize PaperSize => PageSize.A4;
}
