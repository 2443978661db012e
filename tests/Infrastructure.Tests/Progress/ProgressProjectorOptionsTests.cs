using Lrs.Infrastructure.Progress;

namespace Lrs.Infrastructure.Tests.Progress;

/// <summary>Which stages a projector process runs (Lrs:Projector:Stages).</summary>
public sealed class ProgressProjectorOptionsTests
{
    [Fact]
    public void StageNames_Default_AllThreeStages() =>
        Assert.Equal(["attempts", "learners", "transcripts"], new ProgressProjectorOptions().StageNames().Order());

    [Fact]
    public void StageNames_SpacesAndEmptyEntries_Ignored() =>
        Assert.Equal(["attempts", "transcripts"], new ProgressProjectorOptions { Stages = " transcripts,, attempts " }.StageNames().Order());

    [Fact]
    public void StageNames_UnknownStage_ThrowsNamingItAndTheStages()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ProgressProjectorOptions { Stages = "attempts,transcript" }.StageNames());

        Assert.Contains("'transcript'", error.Message, StringComparison.Ordinal);
        Assert.Contains("attempts, learners and transcripts", error.Message, StringComparison.Ordinal);
    }
}
