using Lrs.Application.Transcripts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>Top-to-bottom layout of one transcript on A4 pages, in points; starts a page when the next item does not fit.</summary>
internal sealed class TranscriptLayout(PdfDocument document, Transcript transcript)
{
    private const double Margin = 48;
    private const double FooterHeight = 36;
    private const double RowHeight = 17;

    // Attempt, started, finished, outcome, score: fractions of the content width.
    private static readonly double[] Columns = [0.11, 0.22, 0.22, 0.18, 0.27];
    private static readonly string[] Headers = ["Attempt", "Started (UTC)", "Finished (UTC)", "Outcome", "Score"];

    private readonly XFont _titleFont = new(TranscriptFonts.Family, 20, XFontStyleEx.Bold);
    private readonly XFont _nameFont = new(TranscriptFonts.Family, 13, XFontStyleEx.Bold);
    private readonly XFont _courseFont = new(TranscriptFonts.Family, 11.5, XFontStyleEx.Bold);
    private readonly XFont _headerFont = new(TranscriptFonts.Family, 8.5, XFontStyleEx.Bold);
    private readonly XFont _bodyFont = new(TranscriptFonts.Family, 8.5, XFontStyleEx.Regular);
    private readonly XFont _smallFont = new(TranscriptFonts.Family, 7.5, XFontStyleEx.Regular);

    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x22, 0x22, 0x22));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x6b, 0x6b, 0x6b));
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(0xe8, 0xec, 0xf1));
    private static readonly XBrush Stripe = new XSolidBrush(XColor.FromArgb(0xf6, 0xf7, 0xf9));
    private static readonly XBrush Pass = new XSolidBrush(XColor.FromArgb(0x1e, 0x7b, 0x34));
    private static readonly XBrush Fail = new XSolidBrush(XColor.FromArgb(0xb0, 0x23, 0x23));
    private static readonly XPen Rule = new(XColor.FromArgb(0xb8, 0xbf, 0xc7), 0.6);

    private XGraphics? _gfx;
    private PdfPage? _page;
    private double _y;

    private double Width => _page!.Width.Point - 2 * Margin;

    private double Bottom => _page!.Height.Point - Margin - FooterHeight;

    private XGraphics Gfx => _gfx!;

    public void Title()
    {
        NewPage(running: false);
        Text("Learning transcript", _titleFont, Ink, Margin, Width);
        _y += 30;
        Text(transcript.Learner.DisplayName, _nameFont, Ink, Margin, Width);
        _y += 18;
        Text(transcript.Learner.AgentKey, _smallFont, Muted, Margin, Width);
        _y += 11;
        var courses = transcript.Courses.Count == 1 ? "1 course" : $"{transcript.Courses.Count} courses";
        Text($"Generated {TranscriptPdfRenderer.Date(transcript.GeneratedAt)} UTC · {courses}", _smallFont, Muted, Margin, Width);
        _y += 16;
        Gfx.DrawLine(Rule, Margin, _y, Margin + Width, _y);
        _y += 18;
    }

    public void Course(CourseRecord course)
    {
        // Keep the heading block (title, id, status: 43pt) with the column header and at least three rows.
        EnsureRoom(43 + RowHeight * 4);
        CourseHeading(course, continued: false);
        var status = $"{TranscriptPdfRenderer.Status(course.Status)}"
            + (course.PercentComplete is { } p ? $" · {p:0.#}% complete" : string.Empty)
            + $" · started {TranscriptPdfRenderer.Date(course.Started)}"
            + (course.Completed is { } c ? $" · completed {TranscriptPdfRenderer.Date(c)}" : string.Empty);
        Text(status, _bodyFont, Muted, Margin, Width);
        _y += 16;

        TableHeader();
        for (var i = 0; i < course.Attempts.Count; i++)
        {
            if (_y + RowHeight > Bottom)
            {
                NewPage(running: true);
                CourseHeading(course, continued: true);
                TableHeader();
            }

            Row(course.Attempts[i], stripe: i % 2 == 1);
        }

        _y += 8;
        foreach (var completion in course.Completions)
        {
            EnsureRoom(13);
            var what = completion.ActivityId == course.CourseId ? "Course completed" : $"Completed {completion.ActivityId}";
            Text($"{what} {TranscriptPdfRenderer.Date(completion.CompletedAt)} UTC", _bodyFont, Ink, Margin, Width);
            _y += 13;
        }

        _y += 16;
    }

    /// <summary>The projected progress (docs/decisions/0008): one line per enrolment, path, quiz attempt, submission, competency and achievement.</summary>
    public void Progress(TranscriptProgress progress)
    {
        string? Date(DateTimeOffset? at) => at is { } t ? TranscriptPdfRenderer.Date(t) : null;
        string Line(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrEmpty(p)));
        Section("Enrolments", progress.Enrollments.Select(c =>
            Line(c.CourseId, c.Status, $"{c.Percent:0.##}% of lessons", Date(c.StartedAt) is { } s ? $"started {s}" : null,
                Date(c.CompletedAt) is { } d ? $"completed {d}" : null)));
        Section("Learning paths", progress.LearningPaths.Select(p =>
            Line(p.PathId, p.Status, $"{p.CompletedCourses} of {p.TotalCourses} courses", p.CurrentCourseId is { } c ? $"next {c}" : null)));
        Section("Quizzes", progress.QuizAttempts.Select(q =>
            Line($"{q.QuizId} ({q.CourseId}) attempt {q.AttemptNumber}", q.Status, q.ScorePercent is { } score ? $"{score:0.##}%" : null,
                q.Passed ? "passed" : null, $"{q.CorrectAnswers}/{q.TotalQuestions} correct", Date(q.CompletedAt))));
        Section("Assignments", progress.Submissions.Select(a =>
            Line($"{a.AssignmentId} ({a.CourseId})", a.Status, a.Score is { } score ? $"score {score:0.##}" + (a.MaxScore is { } max ? $"/{max:0.##}" : null) : null,
                $"submitted {Date(a.SubmittedAt)}")));
        Section("Competencies", progress.Competencies.Select(c =>
            Line(c.Name, c.Status, $"level {c.Level}", Date(c.AcquiredAt) is { } at ? $"acquired {at}" : null)));
        Section("Achievements", progress.Achievements.Select(a => Line(a.Name, $"{a.Points} points", $"earned {Date(a.EarnedAt)}")));
        if (progress.Totals is { } totals)
        {
            Section("Totals", [Line($"{totals.CompletedCourses} of {totals.TotalCourses} courses completed",
                $"{totals.CompletedLessons}/{totals.TotalLessons} lessons", $"{totals.CompletedQuizzes}/{totals.TotalQuizzes} quizzes",
                $"{totals.CompletedAssignments}/{totals.TotalAssignments} assignments", $"{totals.TotalPoints} points")]);
        }
    }

    private void Section(string title, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        if (all.Count == 0)
        {
            return;
        }

        EnsureRoom(20 + 13 * Math.Min(3, all.Count));
        Text(title, _courseFont, Ink, Margin, Width);
        _y += 18;
        foreach (var line in all)
        {
            EnsureRoom(13);
            Text(line, _bodyFont, Ink, Margin, Width);
            _y += 13;
        }

        _y += 12;
    }

    /// <summary>Closes the last page and numbers every page, now that their count is known.</summary>
    public void Finish()
    {
        _gfx?.Dispose();
        _gfx = null;
        var total = document.PageCount;
        for (var i = 0; i < total; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin - 10;
            var width = page.Width.Point - 2 * Margin;
            gfx.DrawLine(Rule, Margin, y - 6, Margin + width, y - 6);
            gfx.DrawString($"Transcript of {transcript.Learner.DisplayName}", _smallFont, Muted,
                new XRect(Margin, y, width * 0.7, 10), XStringFormats.TopLeft);
            gfx.DrawString($"Page {i + 1} of {total}", _smallFont, Muted, new XRect(Margin, y, width, 10), XStringFormats.TopRight);
        }
    }

    private void NewPage(bool running)
    {
        _gfx?.Dispose();
        _page = document.AddPage();
        _page.Size = TranscriptPdfRenderer.PaperSize;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
        if (running)
        {
            Text($"Learning transcript · {transcript.Learner.DisplayName}", _smallFont, Muted, Margin, Width);
            _y += 12;
            Gfx.DrawLine(Rule, Margin, _y, Margin + Width, _y);
            _y += 12;
        }
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage(running: true);
        }
    }

    private void CourseHeading(CourseRecord course, bool continued)
    {
        Text(course.Title, _courseFont, Ink, Margin, Width, suffix: continued ? " (continued)" : "");
        _y += 16;
        if (!continued && course.Title != course.CourseId)
        {
            Text(course.CourseId, _smallFont, Muted, Margin, Width);
            _y += 11;
        }
    }

    private void TableHeader()
    {
        Gfx.DrawRectangle(Shade, Margin, _y, Width, RowHeight);
        Cells(Headers, _headerFont, _ => Ink);
        _y += RowHeight;
    }

    private void Row(AttemptRecord attempt, bool stripe)
    {
        if (stripe)
        {
            Gfx.DrawRectangle(Stripe, Margin, _y, Width, RowHeight);
        }

        string[] cells =
        [
            $"#{attempt.Number}",
            TranscriptPdfRenderer.Date(attempt.Opened),
            attempt.State == AttemptState.Open ? "open" : TranscriptPdfRenderer.Date(attempt.Closed),
            TranscriptPdfRenderer.Outcome(attempt.Outcome),
            TranscriptPdfRenderer.Score(attempt.Score),
        ];
        var outcomeBrush = attempt.Outcome switch
        {
            AttemptOutcomes.Passed => Pass,
            AttemptOutcomes.Failed => Fail,
            _ => Ink,
        };
        Cells(cells, _bodyFont, column => column == 3 ? outcomeBrush : Ink);
        _y += RowHeight;
        Gfx.DrawLine(Rule, Margin, _y, Margin + Width, _y);
    }

    private void Cells(string[] cells, XFont font, Func<int, XBrush> brush)
    {
        var x = Margin;
        for (var i = 0; i < cells.Length; i++)
        {
            var width = Columns[i] * Width;
            var top = _y + (RowHeight - font.Height) / 2;
            Text(cells[i], font, brush(i), x + 5, width - 10, top);
            x += width;
        }
    }

    /// <summary>
    /// One line at the current position; <paramref name="text"/> is shortened with an ellipsis so that it and
    /// <paramref name="suffix"/> fit <paramref name="width"/>.
    /// </summary>
    private void Text(string text, XFont font, XBrush brush, double x, double width, double? top = null, string suffix = "")
    {
        if (Gfx.MeasureString(text + suffix, font).Width > width)
        {
            while (text.Length > 1 && Gfx.MeasureString(text + "…" + suffix, font).Width > width)
            {
                text = text[..^1];
            }

            text += "…";
        }

        Gfx.DrawString(text + suffix, font, brush, new XRect(x, top ?? _y, width, font.Height), XStringFormats.TopLeft);
    }
}
