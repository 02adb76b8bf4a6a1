using Registry.Api.Data;
using Registry.Api.Features.Directory;

namespace Registry.UnitTests.Data;

/// <summary>The search statements are assembled per query shape: a sample of every kind of shape, for parsing and preparing.</summary>
public static class DirectorySqlShapes
{
    public static IEnumerable<(string Name, Sql Sql)> All()
    {
        var filtered = new DirectoryQuery
        {
            Region = "06", Province = "06.141", Domain = "social", Kind = "association", Status = "registered", PublicUtility = true,
            FoundedFrom = new DateOnly(2000, 1, 1), FoundedTo = new DateOnly(2020, 1, 1), UpdatedSince = DateTimeOffset.UnixEpoch,
        };
        foreach (var baseQuery in new[] { new DirectoryQuery(), filtered, filtered with { PublicUtility = false } })
        foreach (var terms in new[] { 0, 1, 3 })
        foreach (var sort in Enum.GetValues<DirectorySort>())
        foreach (var descending in new[] { false, true })
        foreach (var after in new DirectoryCursor?[] { null, new("k", 1) })
        {
            if (sort == DirectorySort.Relevance && (terms == 0 || descending)) continue;
            var q = baseQuery with { Sort = sort, Descending = descending, After = after };
            var (page, count, ranked) = DirectorySql.For(q, terms);
            var name = $"{(baseQuery.Region is null ? "plain" : "filtered")}-{q.PublicUtility}-{terms}-{q.SortName}-{(after is null ? "first" : "next")}";
            yield return ($"{name}-page", page);
            yield return ($"{name}-count", count);
            if (after is null) yield return ($"{name}-ranked", ranked);
        }
        yield return ("filter-words-matches", DirectorySql.Filter(filtered));
        yield return ("filter-words-matches-no-utility", DirectorySql.Filter(filtered with { PublicUtility = false }));
        foreach (var count in new[] { 1, 20, DirectoryQuery.MaxLimit })
        {
            yield return ($"page-by-ids-{count}", DirectorySql.PageByIds(count));
            yield return ($"page-domains-{count}", DirectorySql.PageDomains(count));
        }
        var export = 0;
        foreach (var shape in Registry.Api.Features.OpenData.ExportAssociations.AllShapes())
            yield return ($"export-{export++}", new Sql(shape));
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All()) data.Add(name);
        return data;
    }

    public static Sql Named(string name) => All().First(s => s.Name == name).Sql;
}
