using Lrs.Domain.Courses;

namespace Lrs.Infrastructure.Courses;

/// <summary>SQL shared by both providers' course stores.</summary>
internal static class CourseSql
{
    public const string Upsert = """
        INSERT INTO courses (tenant_id, course_id, title, document, created, updated)
        VALUES (@tenant, @id, @title, @document, @now, @now)
        ON CONFLICT (tenant_id, course_id) DO UPDATE SET title = excluded.title, document = excluded.document, updated = excluded.updated
        """;

    public const string DeleteItems = "DELETE FROM course_items WHERE tenant_id = @tenant AND course_id = @id";

    public const string InsertItem = """
        INSERT INTO course_items (tenant_id, course_id, item_id, module_id, kind, activity_id, position)
        VALUES (@tenant, @id, @ItemId, @ModuleId, @Kind, @ActivityId, @Position)
        """;

    /// <summary>Queues a changed course or learning path for the projector to recompute its learners (docs/decisions/0008).</summary>
    public const string MarkDirty = """
        INSERT INTO progress_dirty (tenant_id, kind, target_id, generation) VALUES (@tenant, @kind, @id, 1)
        ON CONFLICT (tenant_id, kind, target_id) DO UPDATE SET generation = progress_dirty.generation + 1
        """;

    public const string Columns = "course_id AS Id, document AS Document, created AS Created, updated AS Updated";

    public const string Find = $"SELECT {Columns} FROM courses WHERE tenant_id = @tenant AND course_id = @id";

    public const string List = $"SELECT {Columns} FROM courses WHERE tenant_id = @tenant AND (@after IS NULL OR course_id > @after) ORDER BY course_id LIMIT @limit";

    public const string ContainingActivity = """
        SELECT c.course_id AS Id, c.document AS Document, c.created AS Created, c.updated AS Updated
        FROM courses c
        WHERE c.tenant_id = @tenant AND EXISTS (
            SELECT 1 FROM course_items i WHERE i.tenant_id = c.tenant_id AND i.course_id = c.course_id AND i.activity_id = @activity)
        ORDER BY c.course_id
        """;

    public static string Kind(CourseItemKind kind) => kind switch
    {
        CourseItemKind.Lesson => "lesson",
        CourseItemKind.Quiz => "quiz",
        _ => "assignment",
    };

    public static IEnumerable<object> Items(Course course, object tenant) => course.Items().Select(i => new
    {
        tenant, id = course.Id, i.ItemId, i.ModuleId, Kind = Kind(i.Kind), i.ActivityId, i.Position,
    });
}
