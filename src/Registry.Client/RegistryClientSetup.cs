using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Registry.Client;

public sealed class RegistryClientOptions
{
    /// <summary>Where the API is, e.g. <c>https://registry.example.ma</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:5080");

    /// <summary>An API key for machine clients (sent as <c>X-Api-Key</c>), if any.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A bearer token provider for people's clients, if any.</summary>
    public Func<CancellationToken, ValueTask<string?>>? BearerToken { get; set; }

    /// <summary>Time allowed to one attempt; long polls of the change feed are given their wait on top.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed to a call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxRetries { get; set; } = 4;
}

public static class RegistryClientSetup
{
    /// <summary>
    /// Registers <see cref="IRegistryApiClient"/> with retries on 429, 503 and transient failures (honouring
    /// <c>Retry-After</c>), timeouts and a circuit breaker; every POST carries an <c>Idempotency-Key</c> that its retries reuse.
    /// </summary>
    public static IHttpClientBuilder AddRegistryClient(this IServiceCollection services, Action<RegistryClientOptions> configure)
    {
        var options = new RegistryClientOptions();
        configure(options);
        services.AddSingleton(options);
        services.AddTransient<RegistryAuthenticationHandler>();
        services.AddTransient<IdempotencyKeyHandler>();
        var builder = services.AddHttpClient<IRegistryApiClient, RegistryApiClient>(http => http.BaseAddress = options.BaseAddress)
            .AddHttpMessageHandler<IdempotencyKeyHandler>()
            .AddHttpMessageHandler<RegistryAuthenticationHandler>();
        builder.AddStandardResilienceHandler(r =>
        {
            r.Retry.MaxRetryAttempts = options.MaxRetries;
            r.Retry.ShouldRetryAfterHeader = true;
            r.Retry.BackoffType = DelayBackoffType.Exponential;
            r.Retry.UseJitter = true;
            r.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
                { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout } => true,
                _ => false,
            });
            r.AttemptTimeout.Timeout = options.AttemptTimeout;
            r.TotalRequestTimeout.Timeout = options.TotalTimeout;
            r.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, options.AttemptTimeout.TotalSeconds * 2));
        });
        return builder;
    }
}

/// <summary>Gives every POST an Idempotency-Key, before the retry handler, so a retried POST has one effect.</summary>
public sealed class IdempotencyKeyHandler : DelegatingHandler
{
    public const string Header = "Idempotency-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method == HttpMethod.Post && !request.Headers.Contains(Header))
            request.Headers.Add(Header, Guid.NewGuid().ToString("N"));
        return base.SendAsync(request, ct);
    }
}

public sealed class RegistryAuthenticationHandler(RegistryClientOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (options.ApiKey is { } key && !request.Headers.Contains("X-Api-Key"))
            request.Headers.Add("X-Api-Key", key);
        if (options.BearerToken is { } provider && request.Headers.Authorization is null && await provider(ct) is { } token)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, ct);
    }
}
