using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.Directory;

public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>How long GET /v1/stats reuses its counts, in seconds.</summary>
    public int StatsCacheSeconds { get; set; } = 300;

    /// <summary>How long the ranked matches of a word search are reused for its next pages and for the same search, in seconds (0: never).</summary>
    public int SearchCacheSeconds { get; set; } = 30;

    /// <summary>How many searches are kept at most.</summary>
    public int SearchCacheEntries { get; set; } = 256;

    /// <summary>Searches with more matches than this are not kept.</summary>
    public int SearchCacheMaxMatches { get; set; } = 200_000;

    /// <summary>
    /// How many word postings relevance ranking keeps in memory (5 bytes each: 8,000,000 is about 40 MB; 0: rank every
    /// search in the database). A word with more postings than this is ranked by the database.
    /// </summary>
    public int SearchPostingsBudget { get; set; } = 8_000_000;
}

/// <summary>Requests per client and fixed window. Anonymous clients are counted per IP address, API clients per key.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;
    /// <summary>Requests an anonymous client (one IP address) may make per window.</summary>
    public int PermitLimit { get; set; } = 600;
    /// <summary>Requests a client identified by an API key may make per window.</summary>
    public int ApiKeyPermitLimit { get; set; } = 6000;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Tells which API client a request comes from, from a key it presents; null for anonymous requests. The seam for API
/// keys: until keys exist every request is anonymous and limited per IP. A resolver must only name clients whose key it
/// has verified, or anyone could escape the per-IP limit by inventing keys.
/// </summary>
public interface IApiClientResolver
{
    string? ResolveClientId(HttpContext context);
}

public sealed class NoApiClients : IApiClientResolver
{
    public string? ResolveClientId(HttpContext context) => null;
}

public static class DirectorySetup
{
    /// <summary>The directory's services and the rate limiter (<see cref="ClientRateLimiter"/>: per API client, else per IP address).</summary>
    public static IServiceCollection AddDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DirectoryOptions>(configuration.GetSection(DirectoryOptions.Section));
        services.Configure<RateLimitingOptions>(configuration.GetSection(RateLimitingOptions.Section));
        services.AddSingleton<ReferenceCodes>();
        services.AddSingleton<StatsCache>();
        services.AddSingleton<SearchResultCache>();
        services.AddSingleton<SearchPostings>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IApiClientResolver, NoApiClients>();
        services.AddTransient<IStartupFilter, RateLimiterFirst>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiter>((o, limiter) => o.GlobalLimiter = limiter);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                    type: "https://tools.ietf.org/html/rfc6585#section-4",
                    detail: $"This client has used its requests for this window; try again in {seconds} s. The limits are per IP address for anonymous clients.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The rate limiter runs first in the pipeline: a client over its limit costs no more than the rejection.</summary>
    private sealed class RateLimiterFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRateLimiter();
            next(app);
        };
    }
}
