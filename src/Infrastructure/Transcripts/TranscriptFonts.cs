using System.Reflection;
using PdfSharp.Fonts;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>
/// Fonts for PDFsharp, which on Linux finds none by itself: DejaVu Sans regular and bold, embedded in this
/// assembly. Every family name resolves to it, so PDFsharp's own defaults never fail.
/// </summary>
public sealed class TranscriptFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly TranscriptFonts Instance = new();
    private static readonly Lock Gate = new();

    private TranscriptFonts()
    {
    }

    /// <summary>Installs the resolver once per process; PDFsharp allows only one and only before first use.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Lrs.Transcripts.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
