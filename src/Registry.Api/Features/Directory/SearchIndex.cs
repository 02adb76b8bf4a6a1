using System.Data.Common;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;

namespace Registry.Api.Features.Directory;

/// <summary>The searchable public text of an association.</summary>
public sealed record SearchDocument(string? NameFr, string? NameAr, string? NameZgh, string? Acronym, string? Object);

/// <summary>What the index holds for one association: its words with their field weight, its whole-name keys and its sort name.</summary>
public sealed record SearchEntries(IReadOnlyList<(string Term, int Weight)> Terms, IReadOnlyList<string> NameKeys, string SortName);

/// <summary>
/// The directory's search index: words of the names, acronym and object (normalised by <see cref="SearchText"/>) in
/// <c>association_search_terms</c>, whole-name keys for exact matches, and the name sort key. Written in the same
/// transaction as the record, by <c>AssociationWrites</c>, so the index never lags the register.
/// </summary>
public static class SearchIndex
{
    /// <summary>A word found in a name or the acronym weighs more than one found in the object.</summary>
    public const int NameWeight = 3;
    public const int ObjectWeight = 1;

    public static SearchEntries Entries(SearchDocument d)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>(4);
        string? sortName = null;
        foreach (var (text, weight, isName) in new[]
                 {
                     (d.NameFr, NameWeight, true), (d.NameAr, NameWeight, true), (d.NameZgh, NameWeight, true),
                     (d.Acronym, NameWeight, true), (d.Object, ObjectWeight, false),
                 })
        {
            if (string.IsNullOrEmpty(text)) continue;
            var tokens = SearchText.Tokens(text);
            foreach (var token in tokens)
            {
                if (token.Length < 2) continue;
                Add(token, weight);
                if (SearchText.WithoutArticle(token) is { } bare) Add(bare, weight);
            }
            if (!isName) continue;
            var key = SearchText.Key(tokens);
            sortName ??= key;
            if (key.Length > 0 && !keys.Contains(key)) keys.Add(key);
        }
        return new SearchEntries(terms.Select(t => (t.Key, t.Value)).ToList(), keys, sortName ?? "");

        void Add(string term, int weight)
        {
            if (!terms.TryGetValue(term, out var current) || current < weight) terms[term] = weight;
        }
    }

    internal static readonly Sql SelectDocument = new(
        "SELECT name_fr AS NameFr, name_ar AS NameAr, name_zgh AS NameZgh, acronym, object FROM associations WHERE id = @Id");
    internal static readonly Sql DeleteTerms = new("DELETE FROM association_search_terms WHERE association_id = @Id");
    internal static readonly Sql DeleteNames = new("DELETE FROM association_search_names WHERE association_id = @Id");
    internal static readonly Sql DeleteSortName = new("DELETE FROM association_sort_names WHERE association_id = @Id");
    internal static readonly Sql InsertTerm = new(
        "INSERT INTO association_search_terms (term, association_id, weight) VALUES (@Term, @Id, @Weight)");
    internal static readonly Sql InsertName = new(
        "INSERT INTO association_search_names (name_key, association_id) VALUES (@Key, @Id)");
    internal static readonly Sql InsertSortName = new(
        "INSERT INTO association_sort_names (association_id, sort_name) VALUES (@Id, @SortName)");

    /// <summary>Indexes a new association, inside the caller's transaction.</summary>
    public static async Task AddAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id, SearchDocument document)
    {
        var entries = Entries(document);
        await c.ExecuteAsync(InsertTerm.For(dialect), entries.Terms.Select(t => new { t.Term, Id = id, t.Weight }), tx);
        await c.ExecuteAsync(InsertName.For(dialect), entries.NameKeys.Select(k => new { Key = k, Id = id }), tx);
        await c.ExecuteAsync(InsertSortName.For(dialect), new { Id = id, entries.SortName }, tx);
    }

    /// <summary>Re-indexes an association from its row as it now is, inside the caller's transaction.</summary>
    public static async Task RefreshAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id)
    {
        var document = await c.QuerySingleOrDefaultAsync<SearchDocument>(SelectDocument.For(dialect), new { Id = id }, tx);
        await c.ExecuteAsync(DeleteTerms.For(dialect), new { Id = id }, tx);
        await c.ExecuteAsync(DeleteNames.For(dialect), new { Id = id }, tx);
        await c.ExecuteAsync(DeleteSortName.For(dialect), new { Id = id }, tx);
        if (document is not null) await AddAsync(c, tx, dialect, id, document);
    }
}
