using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Client;

namespace Registry.Sync;

public sealed record VerifyResult(long Position, IReadOnlyList<(string Region, long ApiCount, long MirrorCount, bool Same)> Regions)
{
    public bool Identical => Regions.All(r => r.Same);
}

/// <summary>Loads the latest snapshot into the mirror, then follows the change feed from the snapshot's position.</summary>
public sealed class SyncEngine(IRegistryApiClient api, Mirror mirror, TextWriter? status = null)
{
    /// <summary>Called before each event is applied inside its batch's transaction; tests use it to kill the follower mid-batch.</summary>
    public Action<ChangeEvent>? BeforeApply { get; init; }

    public int BatchSize { get; init; } = 500;

    public int WaitSeconds { get; init; } = 20;

    public async Task<long> LoadLatestSnapshotAsync(CancellationToken ct)
    {
        var latest = (await api.GetOpenDataCatalogueAsync(ct)).Latest
            ?? throw new InvalidOperationException("The API has no open-data snapshot yet.");
        var total = latest.RowCount ?? 0;
        var clock = Stopwatch.StartNew();
        using var file = await api.DownloadOpenDataFileAsync("latest", "associations.ndjson.gz", ct);
        await using var gzip = new GZipStream(file.Stream, CompressionMode.Decompress);
        var rows = await mirror.LoadAsync(latest.Id, latest.FeedPosition ?? 0, ReadLines(gzip, ct), loaded =>
        {
            var rate = loaded / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var eta = rate > 0 ? TimeSpan.FromSeconds((total - loaded) / rate) : TimeSpan.Zero;
            status?.Write($"\rloading snapshot {latest.Id}: {loaded:N0}/{total:N0} rows, {rate:N0} rows/s, ETA {eta:mm\\:ss}   ");
        }, ct);
        status?.WriteLine();
        return rows;
    }

    /// <summary>Follows the feed until cancelled; each page of events is applied with its position in one transaction.</summary>
    public async Task FollowAsync(CancellationToken ct, long? until = null)
    {
        var position = mirror.Position ?? throw new InvalidOperationException("Load a snapshot first.");
        var applied = 0L;
        status?.Write($"\rfollowing: position {position:N0}, {mirror.Count:N0} associations   ");
        while (!ct.IsCancellationRequested && (until is null || position < until))
        {
            var page = await api.ListChangesAsync(position, BatchSize, until is null ? WaitSeconds : 0, null, null, null, ct);
            var events = page.Events.Where(e => until is null || e.Position <= until).ToList();
            var next = events.Count == page.Events.Count ? page.Next ?? position : events.LastOrDefault()?.Position ?? position;
            if (next > position)
            {
                await mirror.ApplyAsync(events, next, BeforeApply, ct);
                applied += events.Count;
                position = next;
            }
            status?.Write($"\rfollowing: position {position:N0}, {applied:N0} changes applied, {mirror.Count:N0} associations   ");
            if (until is not null && events.Count == 0 && page.HasMore != true) break;
        }
    }

    /// <summary>Brings the mirror to the API's checksum position and compares counts and checksums per region.</summary>
    public async Task<VerifyResult> VerifyAsync(CancellationToken ct)
    {
        var remote = await api.GetChangeFeedChecksumsAsync(ct);
        var position = remote.Position ?? 0;
        if ((mirror.Position ?? 0) < position) await FollowAsync(ct, until: position);
        if ((mirror.Position ?? 0) > position) return await VerifyAsync(ct);
        var local = mirror.Checksums().ToDictionary(r => r.RegionCode!);
        var regions = remote.Regions.Select(r => r.RegionCode!).Union(local.Keys).Order(StringComparer.Ordinal).Select(code =>
        {
            var theirs = remote.Regions.FirstOrDefault(r => r.RegionCode == code);
            var ours = local.GetValueOrDefault(code);
            return (code, theirs?.Count ?? 0, ours?.Count ?? 0, theirs?.Sha256 == ours?.Sha256);
        }).ToList();
        return new VerifyResult(position, regions);
    }

    private static async IAsyncEnumerable<Dictionary<string, string?>> ReadLines(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.Length > 0) yield return JsonSerializer.Deserialize<Dictionary<string, string?>>(line)!;
    }
}
