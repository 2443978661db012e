namespace Lrs.Application.Progress;

/// <summary>One course item as the learner's progress sees it: its place in the course and the learner's view record, if any.</summary>
/// <remarks>Kind: lesson, quiz or assignment. ViewedAt is null when the learner has not touched the item.</remarks>
public sealed record ItemState(
    string ModuleId, string ItemId, string ActivityId, string Kind, int Position,
    DateTimeOffset? ViewedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LastActivityAt);

/// <summary>A learner's progress in one module (data-model seed: ModuleProgress).</summary>
/// <remarks>Percent: completed items (lessons, quizzes, assignments) / items of the module × 100, rounded to 2 decimals.</remarks>
public sealed record ModuleProgressView(
    string LearnerKey, string CourseId, string ModuleId, int Position, string Status, decimal Percent,
    int TotalLessons, int CompletedLessons, int TotalQuizzes, int CompletedQuizzes, int TotalAssignments, int CompletedAssignments,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LastActivityAt);

/// <summary>A learner's totals over every course they have started (data-model seed: UserProgress).</summary>
/// <remarks>TotalPoints: per quiz the best raw score of the learner's attempts, plus per assignment the score of the latest graded submission, summed and rounded.</remarks>
public sealed record UserProgressView(
    string LearnerKey, int TotalCourses, int CompletedCourses, int InProgressCourses, int TotalLessons, int CompletedLessons,
    int TotalQuizzes, int CompletedQuizzes, int TotalAssignments, int CompletedAssignments, int TotalPoints, DateTimeOffset? LastActivityAt);

/// <summary>A learner's answer to one question of a quiz attempt (data-model seed: QuizQuestionResponse).</summary>
/// <remarks>Response: the xAPI <c>result.response</c> as sent (choices are <c>[,]</c>-delimited). TimeSpentSeconds: since the previous answer, or the attempt's start.</remarks>
public sealed record QuizQuestionResponseView(
    int Position, string QuestionId, string? Response, bool? Correct, double? Score, int TimeSpentSeconds, DateTimeOffset AnsweredAt);

/// <summary>One attempt of a learner at a quiz of a course (data-model seed: QuizAttempt).</summary>
/// <remarks>
/// Status: in-progress, completed or abandoned. ScorePercent: the reported scaled score × 100, else raw / max × 100, else correct / total
/// questions × 100; null when none is known. Passed: the grading rule decided Passed.
/// </remarks>
public sealed record QuizAttemptView(
    string LearnerKey, string CourseId, string ModuleId, string QuizId, string ActivityId, Guid? Registration, int AttemptNumber,
    string Status, decimal? ScorePercent, int TotalQuestions, int CorrectAnswers, int IncorrectAnswers, int UnansweredQuestions,
    int TimeSpentSeconds, bool Passed, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, IReadOnlyList<QuizQuestionResponseView> Responses);

/// <summary>A learner's submission of an assignment (data-model seed: AssignmentSubmission); its id is the submitting statement's.</summary>
/// <remarks>Status: submitted, or graded once a grading statement followed. SubmissionType: link when the response is an http(s) URL, else text.</remarks>
public sealed record AssignmentSubmissionView(
    string LearnerKey, string CourseId, string ModuleId, string AssignmentId, string ActivityId, Guid SubmissionId, string Status,
    string? SubmissionType, string? TextContent, string? LinkUrl, double? Score, double? MaxScore, string? Feedback, string? GradedBy,
    DateTimeOffset SubmittedAt, DateTimeOffset? GradedAt);

/// <summary>A learner's progress along a learning path (data-model seed: LearningPathProgress).</summary>
/// <remarks>Percent: completed courses / courses of the path × 100. CurrentCourseId: the first course of the path, in order, not yet completed.</remarks>
public sealed record LearningPathProgressView(
    string LearnerKey, string PathId, string Status, decimal Percent, int TotalCourses, int CompletedCourses, string? CurrentCourseId,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LastActivityAt);

/// <summary>One piece of evidence of a competency (data-model seed: CompetencyEvidence).</summary>
/// <remarks>Type: course, lesson, quiz, assignment, or activity for an activity outside any course.</remarks>
public sealed record CompetencyEvidenceView(int Position, string Type, string ReferenceId, string Description, DateTimeOffset EvidencedAt);

/// <summary>A learner's standing in a competency (data-model seed: UserCompetency); no row until some evidence exists.</summary>
/// <remarks>Level: evidence sources satisfied / sources × 100, rounded down. Status: in-progress, or mastered when every source is satisfied.</remarks>
public sealed record UserCompetencyView(
    string LearnerKey, string CompetencyId, string Name, int Level, string Status, DateTimeOffset? AcquiredAt, IReadOnlyList<CompetencyEvidenceView> Evidence);

/// <summary>An achievement a learner has earned (data-model seed: UserAchievement), with its name and points.</summary>
public sealed record EarnedAchievementView(string LearnerKey, string AchievementId, string Name, int Points, DateTimeOffset EarnedAt);

/// <summary>What a learner has accomplished, as competencies and achievements read it.</summary>
/// <param name="Courses">The learner's course progress by course id.</param>
/// <param name="ActivitiesDone">Per activity, the earliest completion or pass of any registration, or completion as a course item (a submission).</param>
/// <param name="ActivityKinds">The kind (lesson, quiz, assignment) of activities that are course items.</param>
/// <param name="Paths">The learner's learning-path progress.</param>
/// <param name="QuizAttempts">The learner's quiz attempts.</param>
public sealed record Accomplishments(
    IReadOnlyDictionary<string, CourseProgressView> Courses, IReadOnlyDictionary<string, DateTimeOffset> ActivitiesDone,
    IReadOnlyDictionary<string, string> ActivityKinds, IReadOnlyList<LearningPathProgressView> Paths, IReadOnlyList<QuizAttemptView> QuizAttempts);
