using Lrs.Application.Courses;

namespace Lrs.Application.Demo;

/// <summary>
/// Everything the demo tenant holds, generated from one fixed random seed and an anchor time (the tenant's creation):
/// the same anchor always gives the same courses, learners and statements, ids included.
/// </summary>
/// <param name="Courses">The course documents to store, by course id.</param>
/// <param name="Learners">Every learner, including those who have not started anything.</param>
/// <param name="Statements">
/// The statements learner by learner and course by course, each enrollment's in timestamp order (a voiding statement
/// after its target), as a player that syncs a learner's records would send them. Keeping a learner's statements
/// together also lets the projector recompute each learner's course progress a few times rather than once per batch.
/// </param>
public sealed record DemoDataSet(IReadOnlyList<(string Id, CourseDocument Document)> Courses, IReadOnlyList<DemoLearner> Learners, IReadOnlyList<DemoStatement> Statements)
{
    public const int Seed = 20_260_101;
    public const int LearnerCount = 300;

    public static DemoDataSet Generate(DateTimeOffset anchor, int learnerCount = LearnerCount)
    {
        var random = new Random(Seed);
        var learners = DemoLearners.Generate(random, learnerCount);
        var statements = new List<DemoStatement>();
        foreach (var learner in learners)
        {
            foreach (var course in Enroll(random))
            {
                statements.AddRange(new DemoJourney(random, course, learner, DemoPersona.Pick(random), anchor).Walk());
            }
        }

        return new DemoDataSet([.. DemoCatalog.Courses.Select(c => (c.Id, c.ToDocument(anchor)))], learners, statements);
    }

    /// <summary>One to three courses, the more popular ones more often.</summary>
    private static List<DemoCourse> Enroll(Random random)
    {
        var count = random.Next(100) switch
        {
            < 50 => 1,
            < 88 => 2,
            _ => 3,
        };
        var pool = DemoCatalog.Courses.ToList();
        var chosen = new List<DemoCourse>();
        while (chosen.Count < count)
        {
            var roll = random.Next(pool.Sum(c => c.Popularity));
            var pick = pool.First(c => (roll -= c.Popularity) < 0);
            pool.Remove(pick);
            chosen.Add(pick);
        }

        return chosen;
    }
}
