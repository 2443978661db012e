using System.Text;
using Dapper;
using Lrs.Application.Statements;

namespace Lrs.Infrastructure.Statements;

/// <summary>
/// Builds the SQL of GET /statements (Communication §2.1.3), shared by both databases.
/// Filters other than since/until/limit also match statements whose StatementRef object targets a
/// matching statement, recursively ("Filter Conditions for StatementRefs"); voided statements are never
/// returned (§2.1.4) but statements targeting them still are.
/// </summary>
internal static class StatementQuerySql
{
    public const string Columns = "s.statement_id, s.payload, s.stored, s.seq, s.authority_key";

    /// <summary>
    /// The query of <paramref name="filter"/>. Without <paramref name="statementRefs"/> (the tenant has never stored a
    /// statement whose object is a StatementRef, migration 0014) no filter can match through one, and the query is only
    /// the direct page: the recursive StatementRef part spans every partition of the ledger several times and took
    /// most of the planning time of each query.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) Build(StatementFilter filter, StatementDialect dialect, bool statementRefs)
    {
        var p = new DynamicParameters();
        p.Add("tenant", dialect.Id(filter.TenantId));
        p.Add("limit", filter.Limit);
        var order = filter.Ascending ? "ASC" : "DESC";
        var page = $" ORDER BY s.stored {order}, s.seq {order} LIMIT @limit";
        var common = Common(filter, p, dialect);
        var match = DirectMatch(filter, "s", p, dialect, withAgent: false);
        var source = AgentSource(filter, p);
        if (match is null && source is null)
        {
            return ($"SELECT {Columns} FROM statements s WHERE {common}{page}", p);
        }

        if (!statementRefs)
        {
            return ($"SELECT {Columns} FROM {source ?? "statements s"} WHERE {common}{(match is null ? string.Empty : " AND " + match)}{page}", p);
        }

        // The statements matching directly and those whose StatementRef targets a match are two separate pages, each
        // served by its own index, then merged: an OR of both would leave the planner nothing but a scan of the
        // tenant's statements in stored order.
        var sql = new StringBuilder()
            .Append("WITH RECURSIVE refs(id) AS (")
            .Append("SELECT r.statement_id FROM statements r JOIN statements t ON t.tenant_id = @tenant AND t.statement_id = r.object_statement_id ")
            .Append("WHERE r.tenant_id = @tenant AND r.object_statement_id IS NOT NULL AND ").Append(DirectMatch(filter, "t", p, dialect, withAgent: true))
            .Append(" UNION SELECT r.statement_id FROM statements r JOIN refs m ON r.object_statement_id = m.id WHERE r.tenant_id = @tenant) ")
            .Append("SELECT ").Append(Columns).Append(" FROM (")
            .Append("SELECT * FROM (SELECT ").Append(Columns).Append(" FROM ").Append(source ?? "statements s").Append(" WHERE ").Append(common)
            .Append(match is null ? string.Empty : " AND " + match).Append(page).Append(") d")
            .Append(" UNION SELECT * FROM (SELECT ").Append(Columns).Append(" FROM statements s WHERE ").Append(common)
            .Append(" AND s.statement_id IN (SELECT id FROM refs)").Append(page).Append(") r")
            .Append(") s").Append(page);
        return (sql.ToString(), p);
    }

    /// <summary>
    /// For the agent filter, the direct page's rows: the agent's links in page order, (stored, seq) (one range of
    /// statement_agents_stored, bounded by since/until and the cursor), each joined to its statement by the same two
    /// columns, so the page reads the agent's newest (or oldest) statements and stops at its limit instead of fetching
    /// and sorting all of them. DISTINCT keeps a statement that links the agent twice to one row. Null without an agent.
    /// </summary>
    private static string? AgentSource(StatementFilter filter, DynamicParameters p)
    {
        if (filter.AgentKey is null)
        {
            return null;
        }

        var order = filter.Ascending ? "ASC" : "DESC";
        // The same time bounds and cursor as the statements' (Common), on the links' copies of stored and seq.
        var links = new StringBuilder("SELECT DISTINCT g.stored, g.seq FROM statement_agents g WHERE ")
            .Append(AgentLinks(filter, p)).Append(Bounds(filter, "g"));
        links.Append($" ORDER BY g.stored {order}, g.seq {order}");
        return $"({links}) g JOIN statements s ON s.tenant_id = @tenant AND s.stored = g.stored AND s.seq = g.seq";
    }

    /// <summary>The links of the filter's agent (only as actor or object unless related_agents, §2.1.3), aliased g.</summary>
    private static string AgentLinks(StatementFilter filter, DynamicParameters p)
    {
        p.Add("agent", filter.AgentKey);
        return "g.tenant_id = @tenant AND g.agent_key = @agent" + (filter.RelatedAgents ? string.Empty : " AND g.direct");
    }

    /// <summary>The conditions every returned row meets: tenant, not voided (§2.1.4), since/until, authority and the page cursor.</summary>
    private static string Common(StatementFilter filter, DynamicParameters p, StatementDialect dialect)
    {
        var sql = new StringBuilder("s.tenant_id = @tenant")
            .Append(" AND (s.is_voiding OR NOT EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id))");
        if (filter.Since is { } since)
        {
            p.Add("since", dialect.Time(since));
        }

        if (filter.Until is { } until)
        {
            p.Add("until", dialect.Time(until));
        }

        if (filter.After is { } after)
        {
            p.Add("afterStored", dialect.Time(after.Stored));
            p.Add("afterSeq", after.Seq);
        }

        sql.Append(Bounds(filter, "s"));
        if (filter.AuthorityKey is { } authority)
        {
            sql.Append(" AND s.authority_key = @authority");
            p.Add("authority", authority);
        }

        return sql.ToString();
    }

    /// <summary>since/until and the page cursor on the stored and seq columns of the rows aliased <paramref name="a"/>.</summary>
    private static string Bounds(StatementFilter filter, string a)
    {
        var sql = new StringBuilder();
        if (filter.Since is not null)
        {
            sql.Append($" AND {a}.stored > @since");
        }

        if (filter.Until is not null)
        {
            sql.Append($" AND {a}.stored <= @until");
        }

        if (filter.After is not null)
        {
            var cmp = filter.Ascending ? ">" : "<";
            sql.Append($" AND ({a}.stored {cmp} @afterStored OR ({a}.stored = @afterStored AND {a}.seq {cmp} @afterSeq))");
        }

        return sql.ToString();
    }

    /// <summary>
    /// The filter conditions on one statement row aliased <paramref name="a"/>, or null when there are none. The agent
    /// filter is among them only <paramref name="withAgent"/>; otherwise <see cref="AgentSource"/> applies it.
    /// </summary>
    private static string? DirectMatch(StatementFilter f, string a, DynamicParameters p, StatementDialect dialect, bool withAgent)
    {
        var parts = new List<string>();
        if (f.VerbId is not null)
        {
            parts.Add($"{a}.verb_id = @verb");
            p.Add("verb", f.VerbId);
        }

        if (f.Registration is { } registration)
        {
            parts.Add($"{a}.registration = @registration");
            p.Add("registration", dialect.Id(registration));
        }

        if (f.ActivityId is not null)
        {
            // An activity is usually dense (a course is in the context of thousands of statements): probing each row
            // in stored order finds a page sooner than collecting every mention.
            parts.Add(f.RelatedActivities
                ? $"EXISTS (SELECT 1 FROM statement_activities x WHERE x.tenant_id = @tenant AND x.activity_id = @activity AND x.statement_id = {a}.statement_id)"
                : $"{a}.object_activity_id = @activity");
            p.Add("activity", f.ActivityId);
        }

        if (withAgent && f.AgentKey is not null)
        {
            parts.Add($"({a}.stored, {a}.seq) IN (SELECT g.stored, g.seq FROM statement_agents g WHERE {AgentLinks(f, p)})");
        }

        return parts.Count == 0 ? null : "(" + string.Join(" AND ", parts) + ")";
    }
}
