using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.Directory;

/// <summary>Every match of one search, in order: ids and the sort keys their cursors carry.</summary>
public sealed record RankedMatches(long[] Ids, string[] Keys, DateTimeOffset ComputedAt);

/// <summary>
/// Keeps the ranked matches of recent word searches for Directory:SearchCacheSeconds (30 s by default, the same as the
/// answer's Cache-Control), so that the next pages of a search, and the same search by other clients, cost a look-up by
/// id instead of ranking every candidate again. Paging through a cached search walks one snapshot: each match once.
/// Searches with more than Directory:SearchCacheMaxMatches matches are not kept; at most Directory:SearchCacheEntries
/// searches are kept, the oldest dropped first.
/// </summary>
public sealed class SearchResultCache(IOptions<DirectoryOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RankedMatches> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _turns = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public RankedMatches? Get(string fingerprint)
    {
        if (!_entries.TryGetValue(fingerprint, out var entry)) return null;
        if (clock.GetUtcNow() - entry.ComputedAt < TimeSpan.FromSeconds(options.Value.SearchCacheSeconds)) return entry;
        _entries.TryRemove(KeyValuePair.Create(fingerprint, entry));
        return null;
    }

    /// <summary>Whether a search with this many matches would be kept.</summary>
    public bool Keeps(int matches) => options.Value.SearchCacheSeconds > 0 && matches <= options.Value.SearchCacheMaxMatches;

    public void Set(string fingerprint, RankedMatches matches)
    {
        if (!Keeps(matches.Ids.Length)) return;
        _entries[fingerprint] = matches;
        var excess = _entries.Count - Math.Max(1, options.Value.SearchCacheEntries);
        if (excess <= 0) return;
        // ToArray takes a consistent copy; LINQ over the dictionary itself reads Count, then copies, and a removal in between left empty pairs.
        foreach (var old in _entries.ToArray().OrderBy(e => e.Value.ComputedAt).Take(excess))
            _entries.TryRemove(old);
    }

    /// <summary>
    /// Waits for the turn to rank this search, so that when many clients ask for the same new search at once it is ranked
    /// once and the others read it from the cache (searches share 64 turns by hash). Dispose to give the turn back.
    /// </summary>
    public async Task<IDisposable> TurnAsync(string fingerprint)
    {
        if (options.Value.SearchCacheSeconds <= 0) return new Turn(null); // nothing is kept: nothing to wait for
        var turn = _turns[(StringComparer.Ordinal.GetHashCode(fingerprint) & int.MaxValue) % _turns.Length];
        await turn.WaitAsync();
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim? turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn?.Release();
        }
    }

    /// <summary>A sort key read from the database, written as cursors carry it (see <see cref="DirectorySearch.KeyOf"/>).</summary>
    public static string KeyString(object? value, DirectorySort sort) => sort switch
    {
        DirectorySort.Relevance => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        DirectorySort.Name => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        DirectorySort.FoundedOn => value is DateTime d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")[..10],
        _ => (value switch
        {
            DateTimeOffset o => o,
            DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
            _ => DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        }).UtcTicks.ToString(CultureInfo.InvariantCulture),
    };
}
