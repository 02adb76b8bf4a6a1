using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using FastEndpoints;
using Registry.Api.Data;

namespace Registry.Api.Features.Changes;

public sealed class RegionChecksum
{
    public required string RegionCode { get; init; }
    public long Count { get; init; }
    /// <summary>SHA-256 (hex) of the region's records in canonical form, in registry-number order (see <c>ChecksumCanon</c> in the README).</summary>
    public required string Sha256 { get; init; }
}

public sealed class FeedChecksums
{
    /// <summary>The feed position the checksums are consistent with.</summary>
    public long Position { get; init; }
    public required IReadOnlyList<RegionChecksum> Regions { get; init; }
}

/// <summary>
/// The canonical text of a published record that both ends hash: each column as <c>name=value</c> in column-name order,
/// a null value written as <c>\0</c>, one record per line preceded by its registry number.
/// </summary>
public static class ChecksumCanon
{
    public static void Append(IncrementalHash hash, string registryNumber, IReadOnlyDictionary<string, string?> record)
    {
        var line = new StringBuilder(registryNumber).Append('\n');
        foreach (var (key, value) in record.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            line.Append(key).Append('=').Append(value ?? "\0").Append('\n');
        hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
    }
}

public sealed class GetChecksums(Database db) : EndpointWithoutRequest<FeedChecksums>
{
    private sealed record Published(string RegistryNumber, string Record);

    internal static readonly Sql SelectPublished = new("""
        SELECT a.registry_number AS RegistryNumber, p.record
        FROM association_published p
        JOIN associations a ON a.id = p.association_id
        ORDER BY a.registry_number
        """);

    public override void Configure()
    {
        Get("/v1/changes/checksums");
        ChangeFeedAccess.Require(this);
        Options(x => x.WithName("getChangeFeedChecksums").WithTags("Change feed"));
        Summary(s =>
        {
            s.Summary = "Checksums of the published register, per region";
            s.Description = "Count and SHA-256 of the published records of each region as of a feed position, for a copy kept in sync to check itself against.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var result = await db.ReadAsync(async (c, token) =>
        {
            await using var tx = await Database.BeginSnapshotReadAsync(c, token);
            var position = await c.ExecuteScalarAsync<long>(db.Sql(ChangeFeed.CurrentPosition), transaction: tx);
            var regions = new SortedDictionary<string, (long Count, IncrementalHash Hash)>(StringComparer.Ordinal);
            await foreach (var row in c.QueryUnbufferedAsync<Published>(db.Sql(SelectPublished), transaction: tx).WithCancellation(token))
            {
                var record = JsonSerializer.Deserialize<Dictionary<string, string?>>(row.Record)!;
                var region = record["region_code"]!;
                if (!regions.TryGetValue(region, out var entry)) entry = (0, IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
                ChecksumCanon.Append(entry.Hash, row.RegistryNumber, record);
                regions[region] = (entry.Count + 1, entry.Hash);
            }
            return new FeedChecksums
            {
                Position = position,
                Regions = regions.Select(r => new RegionChecksum { RegionCode = r.Key, Count = r.Value.Count, Sha256 = Convert.ToHexStringLower(r.Value.Hash.GetHashAndReset()) }).ToList(),
            };
        }, ct);
        HttpContext.Response.Headers.CacheControl = "no-store";
        await Send.OkAsync(result, ct);
    }
}
