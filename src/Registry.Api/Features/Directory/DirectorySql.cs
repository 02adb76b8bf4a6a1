using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dapper;
using Registry.Api.Data;

namespace Registry.Api.Features.Directory;

/// <summary>
/// The directory's search, written once for SQLite and SQL Server. Only the filters a query uses are written into
/// its statement (each provider then plans with the indexes that fit); every shape is rendered once and cached.
/// Words are matched by prefix with a range on the normalised term (<c>term &gt;= @T0 AND term &lt; @E0</c>), which
/// both providers answer from the index in binary order. The rarest word drives the search; the others are checked
/// per candidate. Relevance = for each word its best field weight (names and acronym 3, object 1), doubled when the
/// word is whole rather than a prefix, summed; plus 100 when the query is a whole name or acronym, so exact names come first.
/// </summary>
public static class DirectorySql
{
    public const int ExactNameBonus = 100;

    /// <summary>
    /// Without words, above this many matches the total is not counted further and is given as a lower bound. With words
    /// the total is always exact: it comes with the page, from the pass that ranks the candidates.
    /// </summary>
    public const int CountLimit = 10_000;

    public const string Columns = """
        a.id AS Id, a.registry_number AS RegistryNumber, a.kind AS Kind, a.scope AS Scope, a.status AS Status,
        a.name_fr AS NameFr, a.name_ar AS NameAr, a.name_zgh AS NameZgh, a.acronym AS Acronym, a.object AS Object,
        a.seat_address AS SeatAddress, a.commune AS Commune, a.province_code AS ProvinceCode, a.region_code AS RegionCode,
        a.founded_on AS FoundedOn, a.provisional_receipt_number AS ProvisionalReceiptNumber, a.provisional_receipt_date AS ProvisionalReceiptDate,
        a.definitive_receipt_number AS DefinitiveReceiptNumber, a.definitive_receipt_date AS DefinitiveReceiptDate,
        a.public_utility_decree AS PublicUtilityDecree, a.public_utility_date AS PublicUtilityDate, p.registry_number AS ParentRegistryNumber,
        a.contact_email AS ContactEmail, a.contact_phone AS ContactPhone, a.website AS Website, a.dissolved_on AS DissolvedOn,
        a.updated_at AS UpdatedAt, a.version AS Version
        """;

    /// <summary>How many postings of a word are counted to find the rarest word of a query.</summary>
    public const int ProbeLimit = 50_000;

    internal static readonly Sql ProbeTerm = new("""
        SELECT COUNT(*) FROM (
            SELECT t.association_id FROM association_search_terms t
            WHERE t.term >= @Term AND t.term < @TermEnd
            ORDER BY t.term, t.association_id {limit @Probe}
        ) c
        """);

    private static readonly Sql?[] PageDomainsOf = new Sql?[DirectoryQuery.MaxLimit + 1];
    private static readonly Sql?[] PageByIdsOf = new Sql?[DirectoryQuery.MaxLimit + 1];

    /// <summary>
    /// Domains of the associations of one page, by id (@Id0 … @Id{count-1}). One statement per page size: a fixed list
    /// of 100 parameters, mostly unused, made each page cost more to prepare and bind than to read.
    /// </summary>
    internal static Sql PageDomains(int count) => PageDomainsOf[count] ??= new Sql($"""
        SELECT association_id AS AssociationId, domain_code AS DomainCode FROM association_domains
        WHERE association_id IN ({IdParameters(count)})
        ORDER BY association_id, domain_code
        """);

    /// <summary>The records of one page, by id (@Id0 … @Id{count-1}).</summary>
    internal static Sql PageByIds(int count) => PageByIdsOf[count] ??= new Sql($"""
        SELECT {Columns}
        FROM associations a
        LEFT JOIN associations p ON p.id = a.parent_id
        WHERE a.id IN ({IdParameters(count)})
        """);

    /// <summary>@Id0 … @Id{count-1}, with the given ids.</summary>
    internal static DynamicParameters IdParameters(IReadOnlyList<long> ids)
    {
        var p = new DynamicParameters();
        for (var i = 0; i < ids.Count; i++) p.Add($"Id{i}", ids[i]);
        return p;
    }

    private static string IdParameters(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@Id{i}"));

    private static readonly ConcurrentDictionary<string, (Sql Page, Sql Count, Sql Ranked)> Shapes = new();
    private static readonly ConcurrentDictionary<string, Sql> FilterShapes = new();

    /// <summary>Above this many word matches, a search with filters is ranked by the database, filters first.</summary>
    public const int MaxFilteredInMemory = 50_000;

    /// <summary>Of the ids in the JSON array @Ids (a search's word matches), those that pass the query's filters.</summary>
    public static Sql Filter(DirectoryQuery q)
    {
        return FilterShapes.GetOrAdd(FiltersShape(q), _ =>
        {
            var sql = new StringBuilder("SELECT a.id FROM associations a\n");
            Where(sql, q with { After = null }, 0);
            return new Sql(sql.Append("    AND a.id IN ({json_ids @Ids})").ToString());
        });
    }

    /// <summary>
    /// The statements for the shape of this query, <paramref name="terms"/> in driving order: one page (keyset), the count,
    /// and every match's id and sort key in order (what the search result cache keeps).
    /// </summary>
    public static (Sql Page, Sql Count, Sql Ranked) For(DirectoryQuery q, int terms)
    {
        var shape = string.Join(',', terms, FiltersShape(q), q.Sort, q.Descending, q.After is null);
        return Shapes.GetOrAdd(shape, _ => (new Sql(Page(q, terms)), new Sql(Count(q, terms)), new Sql(Ranked(q with { After = null }, terms))));
    }

    /// <summary>Which filters a query uses (and public utility's value, which is written into the statement): its statements' shape.</summary>
    internal static string FiltersShape(DirectoryQuery q) => string.Join(',', q.Region is null, q.Province is null, q.Domain is null,
        q.Kind is null, q.Status is null, q.PublicUtility?.ToString() ?? "-", q.FoundedFrom is null, q.FoundedTo is null, q.UpdatedSince is null);

    public static DynamicParameters Parameters(DirectoryQuery q, IReadOnlyList<string> terms)
    {
        var p = new DynamicParameters();
        for (var i = 0; i < terms.Count; i++)
        {
            p.Add($"T{i}", terms[i]);
            p.Add($"E{i}", Domain.SearchText.PrefixEnd(terms[i]));
        }
        if (terms.Count > 0) p.Add("NameKey", q.NameKey);
        if (q.Region is not null) p.Add("Region", q.Region);
        if (q.Province is not null) p.Add("Province", q.Province);
        if (q.Domain is not null) p.Add("Domain", q.Domain);
        if (q.Kind is not null) p.Add("Kind", q.Kind);
        if (q.Status is not null) p.Add("Status", q.Status);
        if (q.FoundedFrom is { } from) p.Add("FoundedFrom", from);
        if (q.FoundedTo is { } to) p.Add("FoundedTo", to);
        if (q.UpdatedSince is { } since) p.Add("UpdatedSince", since);
        if (q.After is { } after)
        {
            p.Add("AfterId", after.Id);
            switch (q.Sort)
            {
                case DirectorySort.Relevance: p.Add("AfterKey", int.Parse(after.Key, CultureInfo.InvariantCulture)); break;
                case DirectorySort.Name: p.Add("AfterKey", after.Key); break;
                case DirectorySort.FoundedOn: p.Add("AfterKey", DateOnly.ParseExact(after.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                default: p.Add("AfterKey", new DateTimeOffset(long.Parse(after.Key, CultureInfo.InvariantCulture), TimeSpan.Zero)); break;
            }
        }
        p.Add("Take", q.Limit + 1);
        p.Add("CountLimit", CountLimit + 1);
        return p;
    }

    private static string Ranked(DirectoryQuery q, int terms) => Page(q, terms, rankedOnly: true);

    private static string Page(DirectoryQuery q, int terms, bool rankedOnly = false)
    {
        var (id, key) = q.Sort switch
        {
            DirectorySort.Relevance => ("a.id", Score(terms)),
            DirectorySort.Name => ("s.association_id", "s.sort_name"),
            DirectorySort.FoundedOn => ("a.id", "a.founded_on"),
            _ => ("a.id", "a.updated_at"),
        };
        var sql = new StringBuilder();
        // With words, every candidate is evaluated anyway (to rank or sort it): the same pass counts them all, exactly.
        var total = terms > 0 && !rankedOnly ? ", COUNT(*) OVER () AS total" : "";
        var totalColumn = terms > 0 ? ", m.total AS Total" : "";
        if (rankedOnly)
            sql.Append("SELECT m.id AS Id, m.sort_key AS SortKey\nFROM (\n");
        else
            sql.Append(CultureInfo.InvariantCulture, $"SELECT {Columns}, m.sort_key AS SortKey{totalColumn}\nFROM (\n");
        if (q.Sort == DirectorySort.Relevance && !HasFilters(q))
            RankedFromPostings(sql, terms, total);
        else
        {
            sql.Append(CultureInfo.InvariantCulture, $"    SELECT {id} AS id, {key} AS sort_key{total}\n    FROM associations a\n");
            if (q.Sort == DirectorySort.Name) sql.Append("    JOIN association_sort_names s ON s.association_id = a.id\n");
            Where(sql, q, terms);
        }
        sql.Append(rankedOnly ? ") m\n" : ") m\nJOIN associations a ON a.id = m.id\nLEFT JOIN associations p ON p.id = a.parent_id\n");
        // Relevance: best first, then oldest record. Other sorts: by key, then id, in the direction asked.
        var (keyOrder, idOrder, keyAfter, idAfter) = q.Sort == DirectorySort.Relevance ? ("DESC", "", "<", ">")
            : q.Descending ? ("DESC", " DESC", "<", "<") : ("", "", ">", ">");
        if (q.After is not null)
            sql.Append(CultureInfo.InvariantCulture, $"WHERE (m.sort_key {keyAfter} @AfterKey OR (m.sort_key = @AfterKey AND m.id {idAfter} @AfterId))\n");
        sql.Append(CultureInfo.InvariantCulture, $"ORDER BY m.sort_key {keyOrder}, m.id{idOrder}");
        if (!rankedOnly) sql.Append(" {limit @Take}");
        return sql.ToString().Replace(" ,", ",", StringComparison.Ordinal);
    }

    internal static bool HasFilters(DirectoryQuery q) =>
        q.Region is not null || q.Province is not null || q.Domain is not null || q.Kind is not null || q.Status is not null
        || q.PublicUtility is not null || q.FoundedFrom is not null || q.FoundedTo is not null || q.UpdatedSince is not null;

    /// <summary>
    /// Relevance without filters: straight from the driving word's postings, whose own weight comes from that scan, each
    /// other word looked up once per candidate (for its weight, and NULL when it is missing). Measured 1.7× faster than
    /// going through the association rows, which only pays when filters prune candidates before the other words' look-ups.
    /// </summary>
    private static void RankedFromPostings(StringBuilder sql, int terms, string total)
    {
        var others = Enumerable.Range(1, terms - 1).ToList();
        sql.Append(CultureInfo.InvariantCulture, $"    SELECT g.id AS id, g.w0{string.Concat(others.Select(i => $" + g.w{i}"))}\n");
        sql.Append(CultureInfo.InvariantCulture,
            $"        + CASE WHEN g.id IN (SELECT n.association_id FROM association_search_names n WHERE n.name_key = @NameKey) THEN {ExactNameBonus} ELSE 0 END AS sort_key{total}\n");
        sql.Append("    FROM (\n        SELECT d.association_id AS id, MAX(d.weight * CASE WHEN d.term = @T0 THEN 2 ELSE 1 END) AS w0");
        foreach (var i in others)
            sql.Append(CultureInfo.InvariantCulture,
                $",\n            (SELECT MAX(t{i}.weight * CASE WHEN t{i}.term = @T{i} THEN 2 ELSE 1 END) FROM association_search_terms t{i} " +
                $"WHERE t{i}.association_id = d.association_id AND t{i}.term >= @T{i} AND t{i}.term < @E{i}) AS w{i}");
        sql.Append("\n        FROM association_search_terms d\n        WHERE d.term >= @T0 AND d.term < @E0\n        GROUP BY d.association_id\n    ) g\n    WHERE 1 = 1\n");
        foreach (var i in others) sql.Append(CultureInfo.InvariantCulture, $"    AND g.w{i} IS NOT NULL\n");
    }

    private static string Count(DirectoryQuery q, int terms)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM (\n    SELECT a.id\n    FROM associations a\n");
        Where(sql, q, terms);
        sql.Append("    ORDER BY a.id {limit @CountLimit}\n) c");
        return sql.ToString();
    }

    private static string Score(int terms)
    {
        var parts = Enumerable.Range(0, terms).Select(i =>
            $"(SELECT MAX(t{i}.weight * CASE WHEN t{i}.term = @T{i} THEN 2 ELSE 1 END) FROM association_search_terms t{i} " +
            $"WHERE t{i}.association_id = a.id AND t{i}.term >= @T{i} AND t{i}.term < @E{i})");
        return string.Join("\n        + ", parts) +
               $"\n        + CASE WHEN a.id IN (SELECT n.association_id FROM association_search_names n WHERE n.name_key = @NameKey) THEN {ExactNameBonus} ELSE 0 END";
    }

    internal static void Where(StringBuilder sql, DirectoryQuery q, int terms)
    {
        sql.Append("    WHERE 1 = 1\n");
        if (terms > 0)
            sql.Append("    AND a.id IN (SELECT d.association_id FROM association_search_terms d WHERE d.term >= @T0 AND d.term < @E0)\n");
        for (var i = 1; i < terms; i++)
            sql.Append(CultureInfo.InvariantCulture,
                $"    AND EXISTS (SELECT 1 FROM association_search_terms x{i} WHERE x{i}.association_id = a.id AND x{i}.term >= @T{i} AND x{i}.term < @E{i})\n");
        if (q.Region is not null) sql.Append("    AND a.region_code = @Region\n");
        if (q.Province is not null) sql.Append("    AND a.province_code = @Province\n");
        if (q.Domain is not null)
            sql.Append("    AND EXISTS (SELECT 1 FROM association_domains ad WHERE ad.association_id = a.id AND ad.domain_code = @Domain)\n");
        if (q.Kind is not null) sql.Append("    AND a.kind = @Kind\n");
        if (q.Status is not null) sql.Append("    AND a.status = @Status\n");
        if (q.PublicUtility is { } publicUtility)
            sql.Append(publicUtility ? "    AND a.public_utility_decree IS NOT NULL\n" : "    AND a.public_utility_decree IS NULL\n");
        if (q.FoundedFrom is not null) sql.Append("    AND a.founded_on >= @FoundedFrom\n");
        if (q.FoundedTo is not null) sql.Append("    AND a.founded_on <= @FoundedTo\n");
        if (q.UpdatedSince is not null) sql.Append("    AND a.updated_at >= @UpdatedSince\n");
    }
}
