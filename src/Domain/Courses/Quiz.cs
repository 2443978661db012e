namespace Lrs.Domain.Courses;

/// <summary>A quiz: an assessment activity whose questions are activities of their own, graded by a rule.</summary>
public sealed record Quiz
{
    private Quiz(string id, string title, string activityId, IReadOnlyList<string> questionActivityIds, GradingRuleSpec gradingRule)
    {
        Id = id;
        Title = title;
        ActivityId = activityId;
        QuestionActivityIds = questionActivityIds;
        GradingRule = gradingRule;
    }

    public string Id { get; }

    public string Title { get; }

    public string ActivityId { get; }

    /// <summary>The activity ids of the questions, in order.</summary>
    public IReadOnlyList<string> QuestionActivityIds { get; }

    public GradingRuleSpec GradingRule { get; }

    /// <summary>Creates a quiz; without a grading rule the quiz's own reported result decides.</summary>
    public static Quiz Create(string? id, string? title, string? activityId, IEnumerable<string?>? questionActivityIds = null,
        GradingRuleSpec? gradingRule = null)
    {
        var quizId = Identifiers.Id(id, "id");
        var quizTitle = Identifiers.Title(title, "title");
        var activity = Identifiers.ActivityId(activityId, "activityId");
        var questions = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (question, index) in (questionActivityIds ?? []).Select((q, i) => (q, i)))
        {
            var questionId = Identifiers.ActivityId(question, $"questionActivityIds[{index}]");
            if (!seen.Add(questionId))
            {
                throw new DomainException($"questionActivityIds[{index}] '{questionId}' is listed twice.");
            }

            questions.Add(questionId);
        }

        var rule = gradingRule ?? GradingRuleSpec.Reported;
        if (rule.Kind == GradingRuleKind.AllCorrect && questions.Count == 0)
        {
            throw new DomainException("gradingRule allCorrect needs questionActivityIds to list the questions.");
        }

        rule.RequireWeightsAmong(seen, "one of the quiz's questionActivityIds");
        return new Quiz(quizId, quizTitle, activity, questions, rule);
    }
}
