using Lrs.Application.Transcripts;
using Lrs.Infrastructure.Transcripts;
using PdfSharp.Pdf.IO;

namespace Lrs.Api.Tests.Transcripts;

/// <summary>The PDF layout of transcripts too long for one page; no database involved.</summary>
public sealed class TranscriptPdfTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 8, 30, 0, TimeSpan.Zero);

    private static Transcript Long(int attempts)
    {
        CourseRecord Course(string id, string title, int count) => new(
            id, title, CourseStatus.Passed, 100, T0, T0.AddDays(count),
            Enumerable.Range(1, count).Select(n => new AttemptRecord(
                id, n, Guid.NewGuid(), T0.AddDays(n), n % 7 == 0 ? null : T0.AddDays(n).AddMinutes(25),
                n % 7 == 0 ? AttemptState.Open : AttemptState.Closed,
                n % 7 == 0 ? AttemptOutcomes.InProgress : n % 3 == 0 ? AttemptOutcomes.Passed : AttemptOutcomes.Failed,
                n % 7 == 0 ? null : new AttemptScore(n % 100 / 100.0, n % 20, 0, 20), n % 7 == 0 ? null : n % 3 == 0)).ToList(),
            [new CompletionRecord(id, T0.AddDays(3))]);

        return new Transcript(
            new TranscriptLearner("mbox:mailto:zoë.ångström@example.com", "Zoë Ångström"),
            T0.AddYears(1),
            [
                Course("http://example.com/courses/fire-safety", "Fire safety for warehouse staff", attempts / 2),
                Course("http://example.com/courses/" + new string('x', 150), new string('L', 200), attempts - attempts / 2),
            ]);
    }

    [Fact] // docs/decisions/0008: the projected progress follows the courses, one line per row
    public void Render_WithProgress_AddsItsSectionsAfterTheCourses()
    {
        var transcript = Long(2);
        var renderer = new TranscriptPdfRenderer(new PdfOptions { PdfSharpLicense = "AGPL" });
        var quizzes = Enumerable.Range(1, 120).Select(n => new Application.Progress.QuizAttemptView(
            transcript.Learner.AgentKey, "c", "m", "quiz", "http://example.com/quiz", null, n, "completed", 75.5m, 4, 3, 1, 0, 90, true, T0, T0.AddMinutes(n), []))
            .ToList();
        var progress = new TranscriptProgress(
            new Application.Progress.UserProgressView(transcript.Learner.AgentKey, 1, 1, 0, 2, 2, 1, 1, 1, 0, 12, T0),
            [new Application.Progress.CourseProgressView(transcript.Learner.AgentKey, "c", "completed", 2, 2, 100, T0, T0.AddDays(1), T0.AddDays(1))],
            [], quizzes, [],
            [new Application.Progress.LearningPathProgressView(transcript.Learner.AgentKey, "path", "in-progress", 50, 2, 1, "d", T0, null, T0)],
            [new Application.Progress.UserCompetencyView(transcript.Learner.AgentKey, "k", "Knots", 100, "mastered", T0, [])],
            [new Application.Progress.EarnedAchievementView(transcript.Learner.AgentKey, "a", "Finisher", 10, T0)]);

        var without = PdfReader.Open(new MemoryStream(renderer.Render(transcript)), PdfDocumentOpenMode.Import).PageCount;
        var with = PdfReader.Open(new MemoryStream(renderer.Render(transcript with { Progress = progress })), PdfDocumentOpenMode.Import).PageCount;

        Assert.Equal(1, without);
        Assert.True(with >= 3, $"{with} page(s) for 120 quiz lines after the courses"); // about 50 lines fit on a page
    }

    [Fact]
    public void Render_TwoHundredAttempts_RunsOverSeveralPages()
    {
        var bytes = new TranscriptPdfRenderer(new PdfOptions { PdfSharpLicense = "AGPL" }).Render(Long(200));

        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount > 1, $"{pdf.PageCount} page(s)");
        Assert.Equal("Transcript of Zoë Ångström", pdf.Info.Title);
        if (Environment.GetEnvironmentVariable("LRS_TRANSCRIPT_PDF_OUT") is { Length: > 0 } path)
        {
            File.WriteAllBytes(path, bytes); // for looking at the layout
        }
    }

    [Fact]
    public void Render_NoLicenceConfigured_IsUnavailable()
    {
        var renderer = new TranscriptPdfRenderer(new PdfOptions());

        Assert.False(renderer.IsAvailable);
        Assert.Throws<InvalidOperationException>(() => renderer.Render(Long(2)));
    }

    [Fact]
    public void FileName_NameWithSpacesAndAccents_IsSafe()
    {
        Assert.Equal("transcript-zo-ngstr-m-20260106.pdf", TranscriptPdfRenderer.FileName(Long(2)));
    }
}
