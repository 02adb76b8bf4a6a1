using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Client;

namespace Registry.Sync;

/// <summary>
/// The local SQLite copy of the public register: one row per association holding its published record, and the feed
/// position it is consistent with, written in the same transaction as the rows it covers.
/// </summary>
public sealed class Mirror : IDisposable
{
    private readonly SqliteConnection _connection;

    public Mirror(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        _connection.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS associations (
                registry_number TEXT NOT NULL PRIMARY KEY,
                region_code     TEXT NOT NULL,
                record          TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS sync_state (
                id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                snapshot_id TEXT NOT NULL,
                position    INTEGER NOT NULL
            );
            """);
    }

    /// <summary>The feed position the mirror holds, or null before a snapshot was loaded.</summary>
    public long? Position => _connection.ExecuteScalar<long?>("SELECT position FROM sync_state WHERE id = 1");

    public long Count => _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM associations");

    /// <summary>Replaces the mirror's content with a snapshot's rows, all in one transaction with its position.</summary>
    public async Task<long> LoadAsync(string snapshotId, long position, IAsyncEnumerable<Dictionary<string, string?>> records, Action<long>? progress, CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        await _connection.ExecuteAsync("DELETE FROM associations; DELETE FROM sync_state;", transaction: tx);
        await using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO associations (registry_number, region_code, record) VALUES ($n, $r, $j)";
        var (n, r, j) = (insert.Parameters.Add("$n", SqliteType.Text), insert.Parameters.Add("$r", SqliteType.Text), insert.Parameters.Add("$j", SqliteType.Text));
        long rows = 0;
        await foreach (var record in records.WithCancellation(ct))
        {
            (n.Value, r.Value, j.Value) = (record["registry_number"], record["region_code"], JsonSerializer.Serialize(record));
            await insert.ExecuteNonQueryAsync(ct);
            if (++rows % 10_000 == 0) progress?.Invoke(rows);
        }
        await _connection.ExecuteAsync("INSERT INTO sync_state (id, snapshot_id, position) VALUES (1, @SnapshotId, @Position)",
            new { SnapshotId = snapshotId, Position = position }, tx);
        await tx.CommitAsync(ct);
        progress?.Invoke(rows);
        return rows;
    }

    /// <summary>Applies a batch of events and moves the position past them, in one transaction: all of it or none.</summary>
    public async Task ApplyAsync(IReadOnlyList<ChangeEvent> batch, long position, Action<ChangeEvent>? beforeEach = null, CancellationToken ct = default)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        foreach (var change in batch)
        {
            beforeEach?.Invoke(change);
            await _connection.ExecuteAsync("""
                INSERT INTO associations (registry_number, region_code, record) VALUES (@Number, @Region, @Record)
                ON CONFLICT (registry_number) DO UPDATE SET region_code = excluded.region_code, record = excluded.record
                """, new { Number = change.RegistryNumber, Region = change.Record["region_code"], Record = JsonSerializer.Serialize(change.Record) }, tx);
        }
        if (await _connection.ExecuteAsync("UPDATE sync_state SET position = @Position WHERE id = 1 AND position < @Position", new { Position = position }, tx) != 1)
            throw new InvalidOperationException($"The mirror is not behind position {position}: nothing applied.");
        await tx.CommitAsync(ct);
    }

    /// <summary>Count and SHA-256 per region, computed as the API computes them.</summary>
    public IReadOnlyList<RegionChecksum> Checksums()
    {
        var regions = new SortedDictionary<string, (long Count, IncrementalHash Hash)>(StringComparer.Ordinal);
        foreach (var (number, region, json) in _connection.Query<(string, string, string)>("SELECT registry_number, region_code, record FROM associations ORDER BY registry_number"))
        {
            if (!regions.TryGetValue(region, out var entry)) entry = (0, IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
            Canon.Append(entry.Hash, number, JsonSerializer.Deserialize<Dictionary<string, string?>>(json)!);
            regions[region] = (entry.Count + 1, entry.Hash);
        }
        return regions.Select(r => new RegionChecksum { RegionCode = r.Key, Count = r.Value.Count, Sha256 = Convert.ToHexStringLower(r.Value.Hash.GetHashAndReset()) }).ToList();
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>The canonical record text the API hashes for /v1/changes/checksums (same rule, written again on the client side).</summary>
internal static class Canon
{
    public static void Append(IncrementalHash hash, string registryNumber, IReadOnlyDictionary<string, string?> record)
    {
        var line = new System.Text.StringBuilder(registryNumber).Append('\n');
        foreach (var (key, value) in record.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            line.Append(key).Append('=').Append(value ?? "\0").Append('\n');
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(line.ToString()));
    }
}
