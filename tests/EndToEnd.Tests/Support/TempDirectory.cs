namespace Lrs.EndToEnd.Tests.Support;

/// <summary>A fresh working directory for one host, removed with everything the host wrote into it.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lrs-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file must not hide the test's own outcome.
        }
    }
}
