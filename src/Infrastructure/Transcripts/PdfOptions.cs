namespace Lrs.Infrastructure.Transcripts;

/// <summary>Settings of PDF rendering, section <c>Lrs:Pdf</c>.</summary>
public sealed class PdfOptions
{
    /// <summary>
    /// PDFsharp 6.5 is licensed AGPL-3.0-only and creates documents only once a licence is chosen. <c>AGPL</c>
    /// accepts the AGPL for this deployment; any other value is loaded as a commercial PDFsharp licence key.
    /// Empty (the default): transcripts are served as JSON only and a PDF request gets 501.
    /// </summary>
    public string? PdfSharpLicense { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(PdfSharpLicense);

    private static readonly Lock Gate = new();
    private static string? _applied;

    /// <summary>Hands the configured licence to PDFsharp, once per process and value.</summary>
    internal void Apply()
    {
        var license = PdfSharpLicense?.Trim();
        if (string.IsNullOrEmpty(license))
        {
            throw new InvalidOperationException("PDF rendering is off: set Lrs:Pdf:PdfSharpLicense.");
        }

        lock (Gate)
        {
            if (_applied == license)
            {
                return;
            }

            if (string.Equals(license, "AGPL", StringComparison.OrdinalIgnoreCase))
            {
                PdfSharp.PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                PdfSharp.PdfSharpLicense.LoadLicense(license);
            }

            _applied = license;
        }
    }
}
