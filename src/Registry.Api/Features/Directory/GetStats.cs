using Dapper;
using FastEndpoints;
using Microsoft.Extensions.Options;
using Registry.Api.Data;

namespace Registry.Api.Features.Directory;

public sealed record StatsBucket(string Key, long Count);

public sealed class DirectoryStats
{
    public required long Total { get; init; }
    public required IReadOnlyList<StatsBucket> ByRegion { get; init; }
    public required IReadOnlyList<StatsBucket> ByProvince { get; init; }
    /// <summary>An association with several domains counts in each.</summary>
    public required IReadOnlyList<StatsBucket> ByDomain { get; init; }
    public required IReadOnlyList<StatsBucket> ByKind { get; init; }
    public required IReadOnlyList<StatsBucket> ByStatus { get; init; }
    public required IReadOnlyList<StatsBucket> ByFoundingYear { get; init; }
    /// <summary>When these counts were taken; they are kept for Directory:StatsCacheSeconds (300 s by default).</summary>
    public required DateTimeOffset ComputedAt { get; init; }
}

/// <summary>Counts over the whole register, computed at most once per TTL per process (a full scan of 1M rows takes about a second).</summary>
public sealed class StatsCache(Database db, IOptions<DirectoryOptions> options, TimeProvider clock)
{
    internal static readonly Sql ByRegion = new("SELECT region_code AS Bucket, COUNT(*) AS Count FROM associations GROUP BY region_code ORDER BY region_code");
    internal static readonly Sql ByProvince = new("SELECT province_code AS Bucket, COUNT(*) AS Count FROM associations GROUP BY province_code ORDER BY province_code");
    internal static readonly Sql ByDomain = new("SELECT domain_code AS Bucket, COUNT(*) AS Count FROM association_domains GROUP BY domain_code ORDER BY domain_code");
    internal static readonly Sql ByKind = new("SELECT kind AS Bucket, COUNT(*) AS Count FROM associations GROUP BY kind ORDER BY kind");
    internal static readonly Sql ByStatus = new("SELECT status AS Bucket, COUNT(*) AS Count FROM associations GROUP BY status ORDER BY status");
    internal static readonly Sql ByFoundingYear = new("""
        SELECT SUBSTRING(CAST(founded_on AS VARCHAR(10)), 1, 4) AS Bucket, COUNT(*) AS Count
        FROM associations
        GROUP BY SUBSTRING(CAST(founded_on AS VARCHAR(10)), 1, 4)
        ORDER BY SUBSTRING(CAST(founded_on AS VARCHAR(10)), 1, 4)
        """);

    private sealed class CountRow
    {
        public string Bucket { get; set; } = "";
        public long Count { get; set; }
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DirectoryStats? _stats;

    public TimeSpan TimeToLive => TimeSpan.FromSeconds(Math.Max(0, options.Value.StatsCacheSeconds));

    public async Task<DirectoryStats> GetAsync(CancellationToken ct)
    {
        if (Fresh(_stats) is { } cached) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            return Fresh(_stats) ?? (_stats = await ComputeAsync(ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    private DirectoryStats? Fresh(DirectoryStats? stats) =>
        stats is not null && clock.GetUtcNow() - stats.ComputedAt < TimeToLive ? stats : null;

    private Task<DirectoryStats> ComputeAsync(CancellationToken ct) => db.ReadAsync(async (c, _) =>
    {
        async Task<IReadOnlyList<StatsBucket>> Count(Sql sql) =>
            (await c.QueryAsync<CountRow>(db.Sql(sql))).Select(r => new StatsBucket(r.Bucket, r.Count)).ToList();
        var byRegion = await Count(ByRegion);
        return new DirectoryStats
        {
            Total = byRegion.Sum(b => b.Count), ByRegion = byRegion, ByProvince = await Count(ByProvince), ByDomain = await Count(ByDomain),
            ByKind = await Count(ByKind), ByStatus = await Count(ByStatus), ByFoundingYear = await Count(ByFoundingYear),
            ComputedAt = clock.GetUtcNow(),
        };
    }, ct).AsTask();
}

public sealed class GetStats(StatsCache cache) : EndpointWithoutRequest<DirectoryStats>
{
    public override void Configure()
    {
        Get("/v1/stats");
        AllowAnonymous();
        Options(x => x.WithName("getStats").WithTags("Directory").ProducesProblem(StatusCodes.Status429TooManyRequests));
        Summary(s =>
        {
            s.Summary = "Count the register by region, province, domain, kind, status and founding year";
            s.Description = "For journalists and researchers. The counts are computed at most once every Directory:StatsCacheSeconds " +
                            "(300 s by default) per server; computedAt says when.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var stats = await cache.GetAsync(ct);
        var age = DateTimeOffset.UtcNow - stats.ComputedAt;
        var maxAge = Math.Max(0, (int)(cache.TimeToLive - age).TotalSeconds);
        HttpContext.Response.Headers.CacheControl = $"public, max-age={maxAge}";
        await Send.OkAsync(stats, ct);
    }
}
