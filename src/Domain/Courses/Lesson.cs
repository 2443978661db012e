namespace Lrs.Domain.Courses;

/// <summary>A lesson: a cmi5 Assignable Unit, identified in statements by its activity IRI.</summary>
public sealed record Lesson
{
    private Lesson(string id, string title, string activityId, string? launchUrl, MoveOn moveOn, decimal? masteryScore)
    {
        Id = id;
        Title = title;
        ActivityId = activityId;
        LaunchUrl = launchUrl;
        MoveOn = moveOn;
        MasteryScore = masteryScore;
    }

    public string Id { get; }

    public string Title { get; }

    public string ActivityId { get; }

    /// <summary>Where the content is launched; absolute, or relative to the course package (cmi5 §13.1.4 url).</summary>
    public string? LaunchUrl { get; }

    public MoveOn MoveOn { get; }

    /// <summary>The scaled score (0..1) that passes, when the content is scored (cmi5 masteryScore).</summary>
    public decimal? MasteryScore { get; }

    public static Lesson Create(string? id, string? title, string? activityId, string? launchUrl = null,
        MoveOn moveOn = MoveOn.NotApplicable, decimal? masteryScore = null)
    {
        if (!Enum.IsDefined(moveOn))
        {
            throw new DomainException($"moveOn '{moveOn}' is not one of {string.Join(", ", Enum.GetNames<MoveOn>())}.");
        }

        if (masteryScore is < 0 or > 1)
        {
            throw new DomainException($"masteryScore must be between 0 and 1, got {masteryScore}.");
        }

        var url = string.IsNullOrWhiteSpace(launchUrl) ? null : launchUrl.Trim();
        if (url is not null && (url.Any(char.IsWhiteSpace) || !Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out _)))
        {
            throw new DomainException($"launchUrl '{url}' is not a URL.");
        }

        return new Lesson(Identifiers.Id(id, "id"), Identifiers.Title(title, "title"), Identifiers.ActivityId(activityId, "activityId"),
            url, moveOn, masteryScore);
    }
}
