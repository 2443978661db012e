using System.Text.Json.Nodes;
using Lrs.Application.Progress;

namespace Lrs.Application.Demo;

/// <summary>How a learner goes through a course: how well they answer, whether they give up, how they treat assignments.</summary>
/// <param name="Name">What the persona stands for.</param>
/// <param name="Weight">How common it is among enrollments.</param>
/// <param name="CorrectRate">The chance of answering a question right.</param>
/// <param name="DropsOut">Stops part-way through the course, leaving the item they were on unfinished.</param>
/// <param name="StartDaysAgo">The range of days before the anchor the learner starts in.</param>
/// <param name="SkipsAssignments">The chance of not handing in an assignment while carrying on with the course.</param>
public sealed record DemoPersona(string Name, int Weight, double CorrectRate, bool DropsOut, (int From, int To) StartDaysAgo, double SkipsAssignments)
{
    public static IReadOnlyList<DemoPersona> All { get; } =
    [
        new("achiever", 30, 0.92, false, (56, 15), 0.0),
        new("steady", 18, 0.72, false, (50, 12), 0.25),
        new("struggling", 10, 0.45, false, (48, 10), 0.4),
        new("drop-out", 24, 0.7, true, (56, 6), 0.0),
        new("recent", 10, 0.8, false, (9, 1), 0.0),
        new("not-started", 8, 0, false, (0, 0), 0.0),
    ];

    public bool Starts => Name != "not-started";

    public static DemoPersona Pick(Random random)
    {
        var roll = random.Next(All.Sum(p => p.Weight));
        foreach (var persona in All)
        {
            if ((roll -= persona.Weight) < 0)
            {
                return persona;
            }
        }

        return All[^1];
    }
}

/// <summary>
/// One learner's way through one course, as statements: lesson sessions (launched, initialized, progressed, completed,
/// terminated), quiz sessions with an answer per question and a pass or fail (retried up to three times), assignment
/// submissions that an instructor scores later, drop-outs mid-lesson (abandoned), and now and then a faulty completion
/// that the administrator voids. Nothing happens after the anchor: a learner who would go on later is still in progress.
/// </summary>
public sealed class DemoJourney
{
    private const int MaxQuizAttempts = 3;
    private static readonly JsonObject Administrator = new()
    {
        ["objectType"] = "Agent", ["name"] = "Learning Administrator", ["mbox"] = "mailto:learning.admin@northwind.example",
    };

    private static readonly JsonObject Instructor = new()
    {
        ["objectType"] = "Agent", ["name"] = "Dr. Helen Achterberg", ["mbox"] = "mailto:helen.achterberg@northwind.example",
    };

    private readonly Random _random;
    private readonly DemoCourse _course;
    private readonly DemoPersona _persona;
    private readonly DateTimeOffset _anchor;
    private readonly DemoStatements _write;
    private DateTimeOffset _clock;

    public DemoJourney(Random random, DemoCourse course, DemoLearner learner, DemoPersona persona, DateTimeOffset anchor)
    {
        _random = random;
        _course = course;
        _persona = persona;
        _anchor = anchor;
        _write = new DemoStatements(random, course, learner, DemoStatements.NewId(random));
        var days = persona.StartDaysAgo.To + random.Next(persona.StartDaysAgo.From - persona.StartDaysAgo.To + 1);
        _clock = WorkingHour(anchor.AddDays(-days));
        Started = _clock;
    }

    /// <summary>When the learner first opens the course.</summary>
    public DateTimeOffset Started { get; }

    public IReadOnlyList<DemoStatement> Walk()
    {
        if (!_persona.Starts)
        {
            return [];
        }

        var items = _course.Items().ToList();
        var stopAt = _persona.DropsOut ? 1 + _random.Next(items.Count - 1) : items.Count;
        for (var i = 0; i < items.Count && _clock < _anchor; i++)
        {
            var (module, item) = items[i];
            var finished = i == stopAt ? Abandon(module, item) : item switch
            {
                DemoLesson lesson => Lesson(module, lesson),
                DemoQuiz quiz => Quiz(quiz),
                DemoAssignment assignment => Assignment(assignment),
                _ => false,
            };
            if (!finished)
            {
                break;
            }

            NextSession();
        }

        return [.. _write.Written.OrderBy(s => s.Timestamp)];
    }

    /// <summary>A lesson from launch to termination; false when the anchor came first.</summary>
    private bool Lesson(DemoModule module, DemoLesson lesson)
    {
        var target = _write.Activity(_course.ItemActivityId("lessons", lesson.Slug), lesson.Title, "http://adlnet.gov/expapi/activities/lesson");
        var parent = module.ActivityId(_course);
        var session = _write.NewSession();
        var began = _clock;
        var length = TimeSpan.FromMinutes(lesson.Minutes * (0.7 + (_random.NextDouble() * 0.8)));
        if (began + length > _anchor)
        {
            return false;
        }

        _write.Add(ProgressVerbs.Launched, target, parent, session, began);
        _write.Add(ProgressVerbs.Initialized, target, parent, session, began.AddSeconds(2 + _random.Next(8)));
        foreach (var percent in _random.Next(2) == 0 ? new[] { 50 } : [33, 67])
        {
            _write.Add(DemoVerbs.Progressed, target, parent, session, began + (length * (percent / 100.0)),
                new JsonObject { ["extensions"] = new JsonObject { [DemoStatements.ProgressExtension] = percent } });
        }

        _write.Add(ProgressVerbs.Completed, target, parent, session, began + length,
            new JsonObject { ["completion"] = true, ["duration"] = DemoStatements.Duration(length) });
        _clock = began + length + TimeSpan.FromSeconds(5 + _random.Next(20));
        _write.Add(ProgressVerbs.Terminated, target, parent, session, _clock,
            new JsonObject { ["duration"] = DemoStatements.Duration(_clock - began) });
        return true;
    }

    /// <summary>Quiz attempts until a pass, at most three; false when the learner never passed (or the anchor came first).</summary>
    private bool Quiz(DemoQuiz quiz)
    {
        var skill = _persona.CorrectRate;
        for (var attempt = 1; attempt <= MaxQuizAttempts; attempt++)
        {
            var passed = QuizAttempt(quiz, skill, quiz.Questions.Count);
            if (passed is not false)
            {
                return passed == true;
            }

            // Revising between attempts helps.
            skill = Math.Min(0.95, skill + 0.12);
            _clock = WorkingHour(_clock.AddDays(1 + _random.Next(3)));
            if (_clock >= _anchor)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>One session of a quiz answering the first <paramref name="answering"/> questions; null if it was cut short.</summary>
    private bool? QuizAttempt(DemoQuiz quiz, double skill, int answering)
    {
        var target = _write.Activity(_course.ItemActivityId("quizzes", quiz.Slug), quiz.Title, "http://adlnet.gov/expapi/activities/assessment");
        var parent = ModuleOf(quiz).ActivityId(_course);
        var session = _write.NewSession();
        var began = _clock;
        if (began.AddMinutes(quiz.Questions.Count * 2) > _anchor)
        {
            _clock = _anchor;
            return null;
        }

        _write.Add(ProgressVerbs.Launched, target, parent, session, began);
        _clock = began.AddSeconds(2 + _random.Next(6));
        _write.Add(ProgressVerbs.Initialized, target, parent, session, _clock);
        var correct = 0;
        foreach (var question in quiz.Questions.Take(answering))
        {
            var right = _random.NextDouble() < skill;
            correct += right ? 1 : 0;
            var took = TimeSpan.FromSeconds(15 + _random.Next(75));
            _clock += took;
            _write.Add(ProgressVerbs.Answered, _write.Question(quiz, question), target["id"]!.GetValue<string>(), session, _clock, new JsonObject
            {
                ["success"] = right,
                ["response"] = right ? question.Correct : question.Wrong[_random.Next(question.Wrong.Count)],
                ["duration"] = DemoStatements.Duration(took),
            });
        }

        if (answering < quiz.Questions.Count)
        {
            _clock += TimeSpan.FromMinutes(10 + _random.Next(30));
            _write.Add(ProgressVerbs.Abandoned, target, parent, session, _clock, new JsonObject { ["duration"] = DemoStatements.Duration(_clock - began) });
            return null;
        }

        var total = quiz.Questions.Count;
        var passed = quiz.Grading.Passes(correct, total);
        _clock = _clock.AddSeconds(1);
        var result = new JsonObject
        {
            ["score"] = new JsonObject { ["scaled"] = DemoGrading.Scaled(correct, total), ["raw"] = correct, ["min"] = 0, ["max"] = total },
            ["success"] = passed,
            ["duration"] = DemoStatements.Duration(_clock - began),
        };
        if (passed)
        {
            _write.Add(ProgressVerbs.Completed, target, parent, session, _clock, new JsonObject { ["completion"] = true });
        }

        _write.Add(passed ? ProgressVerbs.Passed : ProgressVerbs.Failed, target, parent, session, _clock, result);
        _clock = _clock.AddSeconds(3 + _random.Next(10));
        _write.Add(ProgressVerbs.Terminated, target, parent, session, _clock, new JsonObject { ["duration"] = DemoStatements.Duration(_clock - began) });
        return passed;
    }

    /// <summary>Hands the assignment in (or, for some, leaves it and carries on); an instructor scores most submissions days later.</summary>
    private bool Assignment(DemoAssignment assignment)
    {
        if (_random.NextDouble() < _persona.SkipsAssignments)
        {
            return true;
        }

        var target = _write.Activity(_course.ItemActivityId("assignments", assignment.Slug), assignment.Title, "http://id.tincanapi.com/activitytype/school-assignment");
        var parent = ModuleOf(assignment).ActivityId(_course);
        var session = _write.NewSession();
        _clock = _clock.AddMinutes(20 + _random.Next(100));
        if (_clock >= _anchor)
        {
            return false;
        }

        var submission = _write.Add(DemoVerbs.AssignmentSubmitted, target, parent, session, _clock,
            new JsonObject { ["completion"] = true, ["response"] = assignment.SubmissionHint });
        var graded = WorkingHour(submission.Timestamp.AddDays(1 + _random.Next(4)));
        if (_random.Next(4) > 0 && graded < _anchor)
        {
            var scaled = Math.Round((decimal)(0.45 + (_random.NextDouble() * 0.55)), 2);
            _write.Add(DemoVerbs.Scored, target, parent, session, graded, new JsonObject
            {
                ["score"] = new JsonObject { ["scaled"] = scaled, ["raw"] = scaled * 100, ["min"] = 0, ["max"] = 100 },
                ["success"] = scaled >= 0.6m,
            }, (JsonObject)Instructor.DeepClone());
        }

        return true;
    }

    /// <summary>The item the learner gives up on: a lesson left mid-way, a quiz abandoned after a few answers, an assignment never handed in.</summary>
    private bool Abandon(DemoModule module, DemoItem item)
    {
        if (item is DemoQuiz quiz)
        {
            QuizAttempt(quiz, _persona.CorrectRate, 1 + _random.Next(quiz.Questions.Count - 1));
            return false;
        }

        if (item is not DemoLesson lesson || _clock.AddHours(1) > _anchor)
        {
            return false;
        }

        var target = _write.Activity(_course.ItemActivityId("lessons", lesson.Slug), lesson.Title, "http://adlnet.gov/expapi/activities/lesson");
        var parent = module.ActivityId(_course);
        var session = _write.NewSession();
        var began = _clock;
        _write.Add(ProgressVerbs.Launched, target, parent, session, began);
        _write.Add(ProgressVerbs.Initialized, target, parent, session, began.AddSeconds(3));
        var percent = 20 + _random.Next(50);
        var left = began.AddMinutes(lesson.Minutes * percent / 100.0);
        _write.Add(DemoVerbs.Progressed, target, parent, session, left,
            new JsonObject { ["extensions"] = new JsonObject { [DemoStatements.ProgressExtension] = percent } });
        if (_random.Next(3) == 0)
        {
            // The player's faulty "completed" on closing; the administrator voids it the next working day.
            var faulty = _write.Add(ProgressVerbs.Completed, target, parent, session, left.AddSeconds(1), new JsonObject { ["completion"] = true });
            var voidedAt = WorkingHour(left.AddDays(1));
            if (voidedAt < _anchor)
            {
                _write.Void(faulty, (JsonObject)Administrator.DeepClone(), voidedAt);
            }
            else
            {
                _write.Written.Remove(faulty);
            }
        }

        // cmi5 §9.3.8: the session timed out without a terminated, so the LMS records it as abandoned.
        _write.Add(ProgressVerbs.Abandoned, target, parent, session, left.AddMinutes(30),
            new JsonObject { ["duration"] = DemoStatements.Duration(left.AddMinutes(30) - began) });
        return false;
    }

    private DemoModule ModuleOf(DemoItem item) => _course.Modules.First(m => m.Quizzes.Contains(item) || m.Assignments.Contains(item));

    /// <summary>The next session starts soon after on the same day, or on one of the next few working days.</summary>
    private void NextSession()
    {
        _clock = _random.Next(3) == 0 ? _clock.AddMinutes(5 + _random.Next(60)) : WorkingHour(_clock.AddDays(1 + _random.Next(4)));
    }

    /// <summary>A time between 08:00 and 18:59 UTC on the day of <paramref name="day"/>, moved off weekends.</summary>
    private DateTimeOffset WorkingHour(DateTimeOffset day)
    {
        var date = day.UtcDateTime.Date;
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return new DateTimeOffset(date, TimeSpan.Zero).AddHours(8 + _random.Next(11)).AddMinutes(_random.Next(60)).AddSeconds(_random.Next(60));
    }
}
