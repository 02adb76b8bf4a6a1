using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.Directory;

/// <summary>
/// A fixed-window limit per client for ASP.NET Core's rate-limiting middleware: per API client when
/// <see cref="IApiClientResolver"/> names one, else per IP address. Each client's window is one 64-bit cell updated with
/// compare-and-swap: the framework's partitioned limiter takes one process-wide lock per request, which measurably cut
/// the throughput of directory look-ups at 32 connections.
/// </summary>
public sealed class ClientRateLimiter(IOptionsMonitor<RateLimitingOptions> options, IApiClientResolver clients, TimeProvider clock)
    : PartitionedRateLimiter<HttpContext>
{
    private const int MaxTrackedClients = 100_000;
    private readonly ConcurrentDictionary<string, Cell> _cells = new(StringComparer.Ordinal);

    private sealed class Cell
    {
        /// <summary>Window number in the high 32 bits, requests counted in it in the low 32 bits.</summary>
        public long State;
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override RateLimitLease AttemptAcquireCore(HttpContext context, int permitCount)
    {
        var limits = options.CurrentValue;
        if (!limits.Enabled || context.Request.Path.StartsWithSegments("/health")) return Lease.Acquired;
        var client = clients.ResolveClientId(context);
        var (key, permits) = client is null
            ? ("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.PermitLimit)
            : ("key:" + client, limits.ApiKeyPermitLimit);
        var window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds));
        var now = clock.GetUtcNow().UtcTicks;
        var number = now / window.Ticks;
        if (_cells.Count > MaxTrackedClients) Forget(number);
        var cell = _cells.GetOrAdd(key, static _ => new Cell());
        while (true)
        {
            var state = Volatile.Read(ref cell.State);
            var count = (state >> 32) == (number & 0xFFFF_FFFF) ? (int)(state & 0xFFFF_FFFF) : 0;
            if (count + permitCount > Math.Max(1, permits))
                return new Lease(false, TimeSpan.FromTicks((number + 1) * window.Ticks - now));
            var next = ((number & 0xFFFF_FFFF) << 32) | (uint)(count + permitCount);
            if (Interlocked.CompareExchange(ref cell.State, next, state) == state) return Lease.Acquired;
        }
    }

    private void Forget(long currentWindow)
    {
        foreach (var (key, cell) in _cells)
            if ((Volatile.Read(ref cell.State) >> 32) != (currentWindow & 0xFFFF_FFFF)) _cells.TryRemove(key, out _);
    }

    private sealed class Lease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
