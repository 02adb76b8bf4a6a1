using System.Data.Common;
using System.Globalization;
using Dapper;
using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Web;

namespace Registry.Api.Features.Directory;

public sealed class SearchAssociationsRequest
{
    /// <summary>
    /// Words to find in the names (Arabic, French, Tamazight), acronym and object, each matched as a prefix; several words
    /// must all match. Arabic harakat, tatweel, hamza forms, ة/ه, ى/ي and ڭ/ݣ, French accents and case do not matter.
    /// At most 200 characters and 8 words.
    /// </summary>
    public string? Q { get; init; }
    /// <summary>Two-digit region code (GET /v1/regions).</summary>
    public string? Region { get; init; }
    /// <summary>Prefecture or province code, e.g. 06.141.</summary>
    public string? Province { get; init; }
    /// <summary>Activity domain code (GET /v1/domains).</summary>
    public string? Domain { get; init; }
    /// <summary>association, union, federation or foreign_association.</summary>
    public string? Kind { get; init; }
    /// <summary>deposited, registered, deemed_operating, completion_requested, receipt_withheld or dissolved.</summary>
    public string? Status { get; init; }
    /// <summary>true: only associations with public-utility status; false: only those without.</summary>
    public bool? PublicUtility { get; init; }
    /// <summary>Founded on or after this date (yyyy-MM-dd).</summary>
    public DateOnly? FoundedFrom { get; init; }
    /// <summary>Founded on or before this date (yyyy-MM-dd).</summary>
    public DateOnly? FoundedTo { get; init; }
    /// <summary>Record changed at or after this instant (ISO 8601).</summary>
    public DateTimeOffset? UpdatedSince { get; init; }
    /// <summary>
    /// relevance (the default when q is given: best match first), name (the default otherwise), foundedOn or updatedAt;
    /// a leading '-' sorts name, foundedOn and updatedAt in descending order. Ties are broken by record age.
    /// </summary>
    public string? Sort { get; init; }
    /// <summary>Page size, 1 to 100 (default 20). Over 100 is an error, not a cap.</summary>
    public int? Limit { get; init; }
    /// <summary>Opaque cursor from the previous page's nextCursor (or its next link); valid with the same other parameters only.</summary>
    public string? Cursor { get; init; }

    internal DirectoryQuery Query { get; init; } = new();
    internal Dictionary<string, string[]> Errors { get; init; } = [];
}

public sealed class AssociationPage
{
    public required IReadOnlyList<PublicAssociation> Items { get; init; }
    /// <summary>
    /// How many associations match. Always exact when q is given; without q, counting stops above 10,000 and the total
    /// is then 10,000 with totalExact false, meaning "at least 10,000".
    /// </summary>
    public required long Total { get; init; }
    public required bool TotalExact { get; init; }
    /// <summary>The sort applied, as the sort parameter spells it.</summary>
    public required string Sort { get; init; }
    public required bool HasMore { get; init; }
    /// <summary>Cursor of the next page, when there is one.</summary>
    public string? NextCursor { get; init; }
    /// <summary>Link to the next page (same parameters, with its cursor), when there is one.</summary>
    public string? Next { get; init; }
}

/// <summary>One page of a directory search, on an open connection of either provider.</summary>
public static class DirectorySearch
{
    /// <summary>The page, the number of matches (exact, or at least <see cref="DirectorySql.CountLimit"/> when not exact) and whether more follow.</summary>
    public static async Task<(List<PublicAssociation> Rows, long Total, bool TotalExact, bool HasMore)> RunAsync(
        DbConnection c, SqlDialect dialect, DirectoryQuery q, SearchResultCache? cache = null, SearchPostings? postings = null)
    {
        if (cache is not null && q.Terms.Count > 0 && await FromRankedAsync(c, dialect, q, cache, postings) is { } cached) return cached;
        var terms = await DrivingOrderAsync(c, dialect, q.Terms);
        var (page, count, _) = DirectorySql.For(q, terms.Count);
        var parameters = DirectorySql.Parameters(q, terms);
        // One row more than the limit: when it comes back, there is a next page.
        var rows = (await c.QueryAsync<PublicAssociation>(page.For(dialect), parameters)).AsList();
        var hasMore = rows.Count > q.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var total = terms.Count > 0 && rows.Count > 0 ? rows[0].Total
            : q.After is null && !hasMore ? rows.Count
            : await c.ExecuteScalarAsync<long>(count.For(dialect), parameters);
        var exact = terms.Count > 0 || total <= DirectorySql.CountLimit;
        await PublicAssociation.LoadDomainsAsync(c, dialect, rows);
        return (rows, exact ? total : DirectorySql.CountLimit, exact, hasMore);
    }

    private sealed class RankedRow
    {
        public long Id { get; set; }
        public object? SortKey { get; set; }
    }

    /// <summary>
    /// The page from the ranked matches of the search: cached, or ranked now (in memory by <see cref="SearchPostings"/>
    /// when it can, else by the database) and cached. Null when the cursor or a record is not in them.
    /// </summary>
    private static async Task<(List<PublicAssociation>, long, bool, bool)?> FromRankedAsync(
        DbConnection c, SqlDialect dialect, DirectoryQuery q, SearchResultCache cache, SearchPostings? postings)
    {
        var fingerprint = q.Fingerprint();
        var ranked = cache.Get(fingerprint);
        if (ranked is null)
        {
            // One request ranks a search at a time; the others asking for it meanwhile then find it in the cache.
            using var turn = await cache.TurnAsync(fingerprint);
            ranked = cache.Get(fingerprint);
            if (ranked is null && await MatchInMemoryAsync(c, dialect, q, postings) is { } matches)
            {
                if (!cache.Keeps(matches.Ids.Length))
                {
                    // Not kept (too many, or no cache): this page alone, picked from the matches.
                    var from = q.After is { } a ? (int.Parse(a.Key, CultureInfo.InvariantCulture), a.Id) : ((int, long)?)null;
                    var (top, more) = matches.Page(from, q.Limit);
                    var rows = await ByIdsAsync(c, dialect, top.Select(t => t.Id).ToList(), top.Select(t => t.Score.ToString(CultureInfo.InvariantCulture)).ToList());
                    return rows is null ? null : (rows, matches.Ids.Length, true, more);
                }
                var (ids, scores) = matches.Ranked();
                ranked = new RankedMatches(ids, scores.Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray(), DateTimeOffset.UtcNow);
                cache.Set(fingerprint, ranked);
            }
            if (ranked is null)
            {
                var terms = await DrivingOrderAsync(c, dialect, q.Terms);
                var rows = (await c.QueryAsync<RankedRow>(DirectorySql.For(q, terms.Count).Ranked.For(dialect), DirectorySql.Parameters(q with { After = null }, terms))).AsList();
                ranked = new RankedMatches(rows.Select(r => r.Id).ToArray(), rows.Select(r => SearchResultCache.KeyString(r.SortKey, q.Sort)).ToArray(), DateTimeOffset.UtcNow);
                cache.Set(fingerprint, ranked);
            }
        }
        var start = 0;
        if (q.After is { } after)
        {
            var at = Array.IndexOf(ranked.Ids, after.Id);
            if (at < 0 || ranked.Keys[at] != after.Key) return null;
            start = at + 1;
        }
        var take = Math.Max(0, Math.Min(q.Limit, ranked.Ids.Length - start));
        var page = await ByIdsAsync(c, dialect, ranked.Ids.Skip(start).Take(take).ToList(), ranked.Keys.Skip(start).Take(take).ToList());
        return page is null ? null : (page, ranked.Ids.Length, true, start + take < ranked.Ids.Length);
    }

    /// <summary>
    /// The matches of a relevance search found in memory (<see cref="SearchPostings"/>), its filters applied by the
    /// database to those matches only; null when the database ranks it (another sort, too many matches to filter, or a
    /// word too common to keep in memory).
    /// </summary>
    private static async Task<Matches?> MatchInMemoryAsync(DbConnection c, SqlDialect dialect, DirectoryQuery q, SearchPostings? postings)
    {
        var filtered = DirectorySql.HasFilters(q);
        if (postings is null || q.Sort != DirectorySort.Relevance
            || await postings.MatchAsync(c, dialect, q, filtered ? DirectorySql.MaxFilteredInMemory : int.MaxValue) is not { } matches) return null;
        if (!filtered) return matches;
        var parameters = DirectorySql.Parameters(q with { After = null }, []);
        parameters.Add("Ids", System.Text.Json.JsonSerializer.Serialize(matches.Ids));
        var passing = (await c.QueryAsync<long>(DirectorySql.Filter(q).For(dialect), parameters)).ToHashSet();
        return matches.Keep(passing);
    }

    /// <summary>The records of one page in the given order, with the keys their cursors carry; null when one is gone.</summary>
    private static async Task<List<PublicAssociation>?> ByIdsAsync(DbConnection c, SqlDialect dialect, IReadOnlyList<long> ids, IReadOnlyList<string> keys)
    {
        var page = new List<PublicAssociation>(ids.Count);
        if (ids.Count == 0) return page;
        var byId = (await c.QueryAsync<PublicAssociation>(DirectorySql.PageByIds(ids.Count).For(dialect), DirectorySql.IdParameters(ids))).ToDictionary(r => r.Id);
        for (var i = 0; i < ids.Count; i++)
        {
            // A record gone since the search was ranked: the database answers this page instead.
            if (!byId.TryGetValue(ids[i], out var row)) return null;
            row.CursorKey = keys[i];
            page.Add(row);
        }
        await PublicAssociation.LoadDomainsAsync(c, dialect, page);
        return page;
    }

    /// <summary>The sort key of a row, as its cursor carries it.</summary>
    public static string KeyOf(PublicAssociation row, DirectorySort sort) => row.CursorKey ?? sort switch
    {
        DirectorySort.Relevance => Convert.ToInt64(row.SortKey, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        DirectorySort.Name => Convert.ToString(row.SortKey, CultureInfo.InvariantCulture) ?? "",
        DirectorySort.FoundedOn => row.FoundedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => row.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The rarest word first: it drives the search, the others are checked per candidate. Results do not depend on it.</summary>
    private static async Task<IReadOnlyList<string>> DrivingOrderAsync(DbConnection c, SqlDialect dialect, IReadOnlyList<string> terms)
    {
        if (terms.Count < 2) return terms;
        var counted = new List<(string Term, long Count)>();
        foreach (var term in terms)
            counted.Add((term, await c.ExecuteScalarAsync<long>(DirectorySql.ProbeTerm.For(dialect),
                new { Term = term, TermEnd = SearchText.PrefixEnd(term), Probe = DirectorySql.ProbeLimit })));
        return counted.OrderBy(t => t.Count).ThenByDescending(t => t.Term.Length).Select(t => t.Term).ToList();
    }
}

public sealed class SearchAssociations(Database db, SearchResultCache cache, SearchPostings postings) : Endpoint<SearchAssociationsRequest, Results<Ok<AssociationPage>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/v1/associations");
        AllowAnonymous();
        RequestBinder(new QueryBinder());
        Options(x => x.WithName("searchAssociations").WithTags("Directory").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));
        Summary(s =>
        {
            s.Summary = "Search and filter the directory of associations";
            s.Description = "Full-text prefix search in Arabic and French with filters, ranked by relevance or sorted, in pages " +
                            "linked by an opaque cursor: paging to the end returns every match once, even while records are added. " +
                            "Invalid parameters are a 400 problem whose errors are keyed by parameter name.";
        });
    }

    public override async Task<Results<Ok<AssociationPage>, ProblemHttpResult>> ExecuteAsync(SearchAssociationsRequest req, CancellationToken ct)
    {
        if (req.Errors.Count > 0) return Problems.Invalid(req.Errors);
        var q = req.Query;
        var (rows, total, totalExact, hasMore) = await db.ReadAsync((c, _) => DirectorySearch.RunAsync(c, db.Dialect, q, cache, postings), ct);

        string? cursor = null, next = null;
        if (hasMore)
        {
            var last = rows[^1];
            cursor = q.CursorAfter(DirectorySearch.KeyOf(last, q.Sort), last.Id);
            var pairs = HttpContext.Request.Query.Where(kv => !kv.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v)));
            next = "/v1/associations" + QueryString.Create(pairs).Add("cursor", cursor);
        }
        HttpContext.Response.Headers.CacheControl = "public, max-age=30";
        return TypedResults.Ok(new AssociationPage
        {
            Items = rows, Total = total, TotalExact = totalExact,
            Sort = q.SortName, HasMore = hasMore, NextCursor = cursor, Next = next,
        });
    }

    private sealed class QueryBinder : IRequestBinder<SearchAssociationsRequest>
    {
        public async ValueTask<SearchAssociationsRequest> BindAsync(BinderContext ctx, CancellationToken ct)
        {
            var codes = await ctx.HttpContext.RequestServices.GetRequiredService<ReferenceCodes>().GetAsync(ct);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var query = DirectoryQueryParser.Parse(ctx.HttpContext.Request.Query, codes, errors);
            return new SearchAssociationsRequest { Query = query, Errors = errors };
        }
    }
}
