using System.Diagnostics;
using System.Security.Cryptography;
using System.IO.Compression;
using Dapper;
using Microsoft.Extensions.Options;
using Registry.Api.Data;
using Registry.Api.Features.Changes;

namespace Registry.Api.Features.OpenData;

public sealed class SnapshotFile
{
    public required string SnapshotId { get; init; }
    public required string FileName { get; init; }
    public required string Format { get; init; }
    public required string MediaType { get; init; }
    public bool Compressed { get; init; }
    public long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
}

public sealed class Snapshot
{
    public required string Id { get; init; }
    public DateTimeOffset TakenAt { get; init; }
    public long? FeedPosition { get; init; }
    public long RowCount { get; init; }
    public IReadOnlyList<SnapshotFile> Files { get; set; } = [];
}

/// <summary>
/// Takes a snapshot of the public register: one consistent read of the database, written at once to CSV, NDJSON,
/// XLSX and Parquet (CSV and NDJSON also gzipped), each file with its size and SHA-256, published atomically.
/// </summary>
public sealed class Snapshots(Database db, IOptions<OpenDataOptions> options, IWebHostEnvironment environment, TimeProvider clock, ILogger<Snapshots> logger)
{
    private static readonly Sql InsertSnapshot = new("INSERT INTO open_data_snapshots (id, taken_at, feed_position, row_count) VALUES (@Id, @TakenAt, @FeedPosition, @RowCount)");
    private static readonly Sql InsertFile = new("""
        INSERT INTO open_data_files (snapshot_id, file_name, format, media_type, compressed, size_bytes, sha256)
        VALUES (@SnapshotId, @FileName, @Format, @MediaType, @Compressed, @SizeBytes, @Sha256)
        """);
    private static readonly Sql SelectSnapshots = new("""SELECT id, taken_at AS TakenAt, feed_position AS FeedPosition, row_count AS "RowCount" FROM open_data_snapshots ORDER BY id DESC""");
    private static readonly Sql SelectFiles = new("""
        SELECT snapshot_id AS SnapshotId, file_name AS FileName, format, media_type AS MediaType, compressed, size_bytes AS SizeBytes, sha256
        FROM open_data_files ORDER BY snapshot_id DESC, file_name
        """);
    private static readonly Sql DeleteFiles = new("DELETE FROM open_data_files WHERE snapshot_id = @Id");
    private static readonly Sql DeleteSnapshot = new("DELETE FROM open_data_snapshots WHERE id = @Id");

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public string Root => Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);

    public string PathOf(SnapshotFile file) => Path.Combine(Root, file.SnapshotId, file.FileName);

    public async Task<IReadOnlyList<Snapshot>> ListAsync(CancellationToken ct)
    {
        return await db.ReadAsync(async (c, _) =>
        {
            var snapshots = (await c.QueryAsync<Snapshot>(db.Sql(SelectSnapshots))).AsList();
            var files = (await c.QueryAsync<SnapshotFile>(db.Sql(SelectFiles))).ToLookup(f => f.SnapshotId);
            foreach (var s in snapshots) s.Files = files[s.Id].ToList();
            return snapshots;
        }, ct);
    }

    private Task<Snapshot>? _requested;

    /// <summary>Starts a snapshot in the background, or joins the one a previous request started; true when this call started it.</summary>
    public bool Request()
    {
        lock (OneAtATime)
        {
            if (_requested is { IsCompleted: false }) return false;
            _requested = Task.Run(async () =>
            {
                try
                {
                    return await TakeAsync(CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Requested open-data snapshot failed");
                    throw;
                }
            });
            return true;
        }
    }

    public async Task<Snapshot> TakeAsync(CancellationToken ct)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            var takenAt = clock.GetUtcNow();
            var id = takenAt.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            for (var n = 2; System.IO.Directory.Exists(Path.Combine(Root, id)); n++)
                id = takenAt.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + n;
            var partial = Path.Combine(Root, id + ".partial");
            System.IO.Directory.CreateDirectory(partial);
            var started = Stopwatch.StartNew();
            var (rows, feedPosition) = await WriteFilesAsync(partial, ct);
            var files = new List<SnapshotFile>();
            foreach (var format in RegisterFormat.All)
            {
                var path = Path.Combine(partial, format.FileName);
                files.Add(await DescribeAsync(id, path, format, compressed: false, ct));
                if (!format.Gzipped) continue;
                await GzipAsync(path, ct);
                files.Add(await DescribeAsync(id, path + ".gz", format, compressed: true, ct));
            }
            System.IO.Directory.Move(partial, Path.Combine(Root, id));
            var snapshot = new Snapshot { Id = id, TakenAt = takenAt, FeedPosition = feedPosition, RowCount = rows, Files = files };
            await db.WriteAsync(async (c, tx, _) =>
            {
                await c.ExecuteAsync(db.Sql(InsertSnapshot), snapshot, tx);
                await c.ExecuteAsync(db.Sql(InsertFile), files, tx);
                return 0;
            }, ct);
            logger.LogInformation("Open-data snapshot {Snapshot}: {Rows} associations in {Elapsed} ms", id, rows, started.ElapsedMilliseconds);
            await DeleteExpiredAsync(ct);
            return snapshot;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<(long Rows, long FeedPosition)> WriteFilesAsync(string folder, CancellationToken ct)
    {
        var streams = RegisterFormat.All.Select(f => new FileStream(Path.Combine(folder, f.FileName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true)).ToList();
        var writers = RegisterFormat.All.Select((f, i) => f.Create(streams[i])).ToList();
        try
        {
            await using var connection = await db.OpenAsync(ct);
            // One read transaction: every file shows the register as of one instant.
            await using var transaction = await Database.BeginSnapshotReadAsync(connection, ct);
            // Read in the same transaction as the rows: the snapshot holds exactly the events up to this position.
            var feedPosition = await connection.ExecuteScalarAsync<long>(db.Sql(ChangeFeed.CurrentPosition), transaction: transaction);
            long rows = 0;
            var spent = new long[writers.Count];
            await foreach (var row in RegisterRow.ReadAll(connection, transaction, db.Dialect).WithCancellation(ct))
            {
                for (var i = 0; i < writers.Count; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await writers[i].WriteAsync(row, ct);
                    spent[i] += Stopwatch.GetTimestamp() - start;
                }
                rows++;
            }
            for (var i = 0; i < writers.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await writers[i].CompleteAsync(ct);
                spent[i] += Stopwatch.GetTimestamp() - start;
            }
            // Time spent in each format's writer during the one shared pass (scripts/bench-export reads this line).
            logger.LogInformation("Open-data snapshot writer times: {Times}",
                string.Join(", ", RegisterFormat.All.Select((f, i) => $"{f.Name} {Stopwatch.GetElapsedTime(0, spent[i]).TotalSeconds:0.00} s")));
            return (rows, feedPosition);
        }
        finally
        {
            foreach (var writer in writers) await writer.DisposeAsync();
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    private static async Task GzipAsync(string path, CancellationToken ct)
    {
        await using var source = File.OpenRead(path);
        await using var target = File.Create(path + ".gz");
        await using var gzip = new GZipStream(target, CompressionLevel.Optimal);
        await source.CopyToAsync(gzip, ct);
    }

    private static async Task<SnapshotFile> DescribeAsync(string id, string path, RegisterFormat format, bool compressed, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return new SnapshotFile
        {
            SnapshotId = id,
            FileName = Path.GetFileName(path),
            Format = format.Name,
            MediaType = compressed ? "application/gzip" : format.MediaType,
            Compressed = compressed,
            SizeBytes = stream.Length,
            Sha256 = Convert.ToHexStringLower(hash),
        };
    }

    private async Task DeleteExpiredAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var expired = (await ListAsync(ct)).Skip(1).Where(s => s.TakenAt < cutoff).ToList();
        foreach (var snapshot in expired)
        {
            await db.WriteAsync(async (c, tx, _) =>
            {
                await c.ExecuteAsync(db.Sql(DeleteFiles), new { snapshot.Id }, tx);
                return await c.ExecuteAsync(db.Sql(DeleteSnapshot), new { snapshot.Id }, tx);
            }, ct);
            var folder = Path.Combine(Root, snapshot.Id);
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
            logger.LogInformation("Deleted expired open-data snapshot {Snapshot}", snapshot.Id);
        }
    }
}

/// <summary>Takes a snapshot when the latest is older than the interval: at start-up (so Development has one right after seeding), then on schedule.</summary>
public sealed class SnapshotSchedule(Snapshots snapshots, IOptions<OpenDataOptions> options, TimeProvider clock, ILogger<SnapshotSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SnapshotInterval;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Min(5, interval.TotalMinutes)), clock);
        do
        {
            try
            {
                var latest = (await snapshots.ListAsync(stoppingToken)).FirstOrDefault();
                if (latest is null || clock.GetUtcNow() - latest.TakenAt >= interval)
                    await snapshots.TakeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Open-data snapshot failed; the next try is on the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
