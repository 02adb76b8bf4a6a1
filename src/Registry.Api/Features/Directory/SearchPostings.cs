using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Changes;

namespace Registry.Api.Features.Directory;

/// <summary>
/// One query word's postings: every association whose indexed terms start with the word, in id order, with the word's
/// weight there (its best field weight, doubled when the word is a whole term: what <see cref="DirectorySql"/> computes),
/// as of change-feed position <see cref="Position"/>.
/// </summary>
public sealed record WordPostings(int[] Ids, byte[] Weights, long Position)
{
    public static readonly WordPostings Empty = new([], [], 0);

    /// <summary>These postings with the given associations' weights replaced (0: no longer has the word), as of <paramref name="position"/>.</summary>
    public WordPostings With(IReadOnlyDictionary<int, int> changed, long position)
    {
        var ids = new List<int>(Ids.Length + changed.Count);
        var weights = new List<byte>(Ids.Length + changed.Count);
        var updates = changed.Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();
        var u = 0;
        for (var i = 0; i <= Ids.Length; i++)
        {
            var id = i < Ids.Length ? Ids[i] : long.MaxValue;
            for (; u < updates.Count && updates[u].Key < id; u++)
            {
                ids.Add(updates[u].Key);
                weights.Add((byte)updates[u].Value);
            }
            if (i == Ids.Length || changed.ContainsKey(Ids[i])) continue;
            ids.Add(Ids[i]);
            weights.Add(Weights[i]);
        }
        return new WordPostings(ids.ToArray(), weights.ToArray(), position);
    }
}

/// <summary>The matches of a search, in id order, with their relevance scores.</summary>
public sealed record Matches(long[] Ids, int[] Scores)
{
    /// <summary>Only the matches among <paramref name="ids"/>.</summary>
    public Matches Keep(IReadOnlySet<long> ids)
    {
        var kept = Enumerable.Range(0, Ids.Length).Where(i => ids.Contains(Ids[i])).ToList();
        return new Matches(kept.Select(i => Ids[i]).ToArray(), kept.Select(i => Scores[i]).ToArray());
    }

    /// <summary>Every match, best score first, then oldest record (as the database orders them).</summary>
    public (long[] Ids, int[] Scores) Ranked()
    {
        // One integer per match that sorts in that order: the score's complement above the id (ids stay below 2^40).
        const int idBits = 40;
        var keys = new long[Ids.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = ((long)(MaxScore - Scores[i]) << idBits) | Ids[i];
        Array.Sort(keys);
        var ids = new long[keys.Length];
        var scores = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ids[i] = keys[i] & ((1L << idBits) - 1);
            scores[i] = MaxScore - (int)(keys[i] >> idBits);
        }
        return (ids, scores);
    }

    /// <summary>Above any score: eight words at most, each weighing at most 6, plus the whole-name bonus.</summary>
    private const int MaxScore = 1 << 16;

    /// <summary>One page of at most <paramref name="limit"/> in that order, after the cursor when there is one, and whether more follow.</summary>
    public (IReadOnlyList<(long Id, int Score)> Page, bool HasMore) Page((int Score, long Id)? after, int limit)
    {
        // The worst kept match on top: lowest score, then newest record.
        var best = new PriorityQueue<(long Id, int Score), (long Id, int Score)>(Comparer<(long Id, int Score)>.Create(
            (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Id.CompareTo(a.Id)));
        for (var i = 0; i < Ids.Length; i++)
        {
            var (id, score) = (Ids[i], Scores[i]);
            if (after is { } a && !(score < a.Score || (score == a.Score && id > a.Id))) continue;
            if (best.Count > limit)
            {
                // Full: only a better match than the worst kept gets in (ids rise, so an equal score never does).
                if (score <= best.Peek().Score) continue;
                best.EnqueueDequeue((id, score), (id, score));
                continue;
            }
            best.Enqueue((id, score), (id, score));
        }
        var page = new List<(long Id, int Score)>(best.Count);
        while (best.Count > 0) page.Add(best.Dequeue());
        page.Reverse();
        var hasMore = page.Count > limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        return (page, hasMore);
    }
}

/// <summary>
/// Finds the matches of relevance searches in memory: the postings of each query word are read once and kept, and a
/// search intersects them and scores each match as the database would (sum of the words' weights, plus
/// <see cref="DirectorySql.ExactNameBonus"/> for a whole-name match); the caller picks the page, after the database has
/// checked any filters on the matches. At a million associations this answers a two-word search in about a millisecond,
/// where scoring every candidate in the database took tens to hundreds.
/// <para>
/// The kept postings follow the change feed, which records every change to an association in the change's own
/// transaction: before a word's postings are used, the associations changed since the position they reflect are read
/// again, so a search sees what the database holds, and two API processes on one database agree. At most
/// Directory:SearchPostingsBudget postings are kept (least recently used words go first); a word with more postings
/// than that, or a budget of 0, leaves the search to the database.
/// </para>
/// </summary>
public sealed class SearchPostings(IOptions<DirectoryOptions> options)
{
    /// <summary>Beyond this many changed associations, a word's postings are read again whole rather than patched.</summary>
    private const int MaxPatch = 2_000;

    internal static readonly Sql Load = new("""
        SELECT CAST(association_id AS BIGINT) AS Id, CAST(MAX(weight * CASE WHEN term = @Term THEN 2 ELSE 1 END) AS INT) AS Weight
        FROM association_search_terms
        WHERE term >= @Term AND term < @TermEnd
        GROUP BY association_id
        ORDER BY association_id
        """);

    internal static readonly Sql ChangedSince = new("""
        SELECT DISTINCT association_id FROM change_events WHERE position > @From AND position <= @To
        """);

    internal static readonly Sql OldestEvent = new("SELECT MIN(position) FROM change_events");

    internal static readonly Sql WeightOf = new("""
        SELECT MAX(weight * CASE WHEN term = @Term THEN 2 ELSE 1 END) FROM association_search_terms
        WHERE association_id = @Id AND term >= @Term AND term < @TermEnd
        """);

    internal static readonly Sql WholeNameMatches = new("SELECT association_id FROM association_search_names WHERE name_key = @NameKey");

    private readonly ConcurrentDictionary<string, Slot> _words = new(StringComparer.Ordinal);
    private long _held;
    private long _clock;

    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile WordPostings? Postings;
        public bool TooMany;
        public long LastUsed;
    }

    /// <summary>
    /// Every match of the words of a relevance search (filters aside), found in memory: ids in id order with their
    /// scores. Null when a word is too common to keep, or there are more than <paramref name="maxMatches"/> (the database
    /// ranks the search then).
    /// </summary>
    public async Task<Matches?> MatchAsync(DbConnection c, SqlDialect dialect, DirectoryQuery q, int maxMatches = int.MaxValue)
    {
        if (options.Value.SearchPostingsBudget <= 0 || q.Terms.Count == 0) return null;
        // Read before the postings: every change up to here is in them once they have caught up.
        var position = await c.ExecuteScalarAsync<long>(ChangeFeed.CurrentPosition.For(dialect));
        var lists = new List<WordPostings>(q.Terms.Count);
        foreach (var term in q.Terms)
        {
            if (await GetAsync(c, dialect, term, position) is not { } postings) return null;
            lists.Add(postings);
        }
        var wholeName = (await c.QueryAsync<long>(WholeNameMatches.For(dialect), new { q.NameKey })).ToHashSet();
        return Match(lists, wholeName, maxMatches);
    }

    /// <summary>
    /// The associations in every list, with their score: the sum of their weights, plus the bonus for a whole-name match.
    /// Null as soon as there are more than <paramref name="maxMatches"/>.
    /// </summary>
    public static Matches? Match(IReadOnlyList<WordPostings> lists, IReadOnlySet<long> wholeName, int maxMatches = int.MaxValue)
    {
        var ordered = lists.OrderBy(l => l.Ids.Length).ToList();
        var driver = ordered[0];
        // Where each other list was last found: the driver's ids rise, so each search starts there and gallops forward.
        var from = new int[ordered.Count];
        var ids = new List<long>();
        var scores = new List<int>();
        for (var i = 0; i < driver.Ids.Length; i++)
        {
            var id = driver.Ids[i];
            int score = driver.Weights[i];
            for (var o = 1; o < ordered.Count && score > 0; o++)
            {
                var at = Seek(ordered[o].Ids, from[o], id);
                from[o] = at;
                score = at < ordered[o].Ids.Length && ordered[o].Ids[at] == id ? score + ordered[o].Weights[at] : 0;
            }
            if (score == 0) continue;
            if (ids.Count == maxMatches) return null;
            ids.Add(id);
            scores.Add(wholeName.Contains(id) ? score + DirectorySql.ExactNameBonus : score);
        }
        return new Matches(ids.ToArray(), scores.ToArray());
    }

    /// <summary>The first index at or after <paramref name="start"/> whose id is not below <paramref name="id"/> (galloping, then binary search).</summary>
    private static int Seek(int[] ids, int start, int id)
    {
        var step = 1;
        var low = start;
        var high = start;
        while (high < ids.Length && ids[high] < id)
        {
            low = high + 1;
            high += step;
            step <<= 1;
        }
        high = Math.Min(high, ids.Length);
        var at = Array.BinarySearch(ids, low, high - low, id);
        return at >= 0 ? at : ~at;
    }

    /// <summary>The word's postings as of <paramref name="position"/> (kept, caught up, or read now); null when too many to keep.</summary>
    private async Task<WordPostings?> GetAsync(DbConnection c, SqlDialect dialect, string term, long position)
    {
        var slot = _words.GetOrAdd(term, _ => new Slot());
        slot.LastUsed = Interlocked.Increment(ref _clock);
        var ready = slot.Postings;
        if (ready is not null && ready.Position >= position) return ready;
        if (slot.TooMany) return null;
        await slot.Gate.WaitAsync();
        try
        {
            var current = slot.Postings;
            if (current is not null && current.Position >= position) return current;
            var next = current is null ? null : await CatchUpAsync(c, dialect, term, current, position);
            if (next is null)
            {
                // Counted up to one past the budget, with the statement that finds a query's rarest word.
                var parameters = new { Term = term, TermEnd = SearchText.PrefixEnd(term), Probe = options.Value.SearchPostingsBudget + 1 };
                var postings = await c.ExecuteScalarAsync<long>(DirectorySql.ProbeTerm.For(dialect), parameters);
                next = postings > options.Value.SearchPostingsBudget ? null : await LoadAsync(c, dialect, parameters, (int)postings, position);
                if (next is null)
                {
                    slot.TooMany = true;
                    return null;
                }
            }
            Interlocked.Add(ref _held, next.Ids.Length - (current?.Ids.Length ?? 0));
            slot.Postings = next;
            ready = next;
        }
        finally
        {
            slot.Gate.Release();
        }
        EvictOverBudget();
        return ready; // even if evicted meanwhile: this search uses it once more
    }

    /// <summary>
    /// Reads a word's postings straight into arrays sized by its count of index rows (at least one per association),
    /// without a row object each: a word in every record is a million rows. Null when an id does not fit 32 bits.
    /// </summary>
    private static async Task<WordPostings?> LoadAsync(DbConnection c, SqlDialect dialect, object parameters, int rows, long position)
    {
        var ids = new int[rows];
        var weights = new byte[rows];
        var count = 0;
        await using (var reader = await c.ExecuteReaderAsync(Load.For(dialect), parameters))
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetInt64(0);
                if (id > int.MaxValue) return null;
                if (count == ids.Length)
                {
                    // Rows added since they were counted.
                    Array.Resize(ref ids, count * 2 + 16);
                    Array.Resize(ref weights, count * 2 + 16);
                }
                ids[count] = (int)id;
                weights[count++] = (byte)reader.GetInt32(1);
            }
        }
        if (count < ids.Length)
        {
            Array.Resize(ref ids, count);
            Array.Resize(ref weights, count);
        }
        return new WordPostings(ids, weights, position);
    }

    /// <summary>The postings with the associations changed since they were read read again; null when they are better read whole.</summary>
    private static async Task<WordPostings?> CatchUpAsync(DbConnection c, SqlDialect dialect, string term, WordPostings current, long position)
    {
        // Events past the feed's retention are gone: what changed then is no longer known.
        var oldest = await c.ExecuteScalarAsync<long?>(OldestEvent.For(dialect));
        if (oldest is null || oldest > current.Position + 1) return null;
        var changed = (await c.QueryAsync<long>(ChangedSince.For(dialect), new { From = current.Position, To = position })).AsList();
        if (changed.Count == 0) return current with { Position = position };
        if (changed.Count > MaxPatch) return null;
        if (changed.Any(id => id > int.MaxValue)) return null;
        var weights = new Dictionary<int, int>(changed.Count);
        foreach (var id in changed)
            weights[(int)id] = await c.ExecuteScalarAsync<int?>(WeightOf.For(dialect), new { Id = id, Term = term, TermEnd = SearchText.PrefixEnd(term) }) ?? 0;
        return current.With(weights, position);
    }

    private void EvictOverBudget()
    {
        if (Interlocked.Read(ref _held) <= options.Value.SearchPostingsBudget) return;
        foreach (var (term, slot) in _words.ToArray().Where(w => w.Value.Postings is not null).OrderBy(w => w.Value.LastUsed).ToList())
        {
            if (Interlocked.Read(ref _held) <= options.Value.SearchPostingsBudget) return;
            if (!slot.Gate.Wait(0)) continue;
            try
            {
                if (slot.Postings is not { } postings) continue;
                slot.Postings = null;
                Interlocked.Add(ref _held, -postings.Ids.Length);
                _words.TryRemove(KeyValuePair.Create(term, slot));
            }
            finally
            {
                slot.Gate.Release();
            }
        }
    }
}
