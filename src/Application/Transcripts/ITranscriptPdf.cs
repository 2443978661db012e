namespace Lrs.Application.Transcripts;

/// <summary>Renders transcripts as PDF documents.</summary>
public interface ITranscriptPdf
{
    /// <summary>False when this server is not configured to render PDFs.</summary>
    bool IsAvailable { get; }

    byte[] Render(Transcript transcript);

    /// <summary>The file name to offer for download.</summary>
    string FileNameOf(Transcript transcript);
}
