namespace Lrs.Domain.Progress;

/// <summary>The learner's answer to one interaction (a question) within an attempt.</summary>
/// <param name="InteractionId">The interaction activity's id.</param>
/// <param name="Correct">Whether the answer was right (xAPI <c>result.success</c>), when known.</param>
/// <param name="RawScore">The points the answer earned (<c>result.score.raw</c>), when reported.</param>
/// <param name="Response">The learner's response as reported (<c>result.response</c>).</param>
/// <param name="Timestamp">When the answer was given.</param>
public sealed record InteractionResult(string InteractionId, bool? Correct, double? RawScore, string? Response, DateTimeOffset Timestamp)
{
    public static InteractionResult Create(string interactionId, bool? correct, double? rawScore, string? response, DateTimeOffset timestamp)
    {
        if (string.IsNullOrWhiteSpace(interactionId))
        {
            throw new DomainException("An interaction result needs the interaction's id.");
        }

        return new InteractionResult(interactionId, correct, rawScore, response, timestamp);
    }
}
