using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Registry.IntegrationTests.Features;

/// <summary>The API with a limit of three requests per window, on its own database.</summary>
public sealed class LowLimitApiFactory : IDisposable
{
    private readonly RegistryApiFactory _inner = new();

    public LowLimitApiFactory() => Factory = _inner.WithWebHostBuilder(b =>
    {
        b.UseSetting("RateLimiting:PermitLimit", "3");
        b.UseSetting("RateLimiting:WindowSeconds", "3600");
        b.UseSetting("DemoData:Count", "10");
    });

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _inner.Dispose();
    }
}

public sealed class RateLimitingTests(LowLimitApiFactory api) : IClassFixture<LowLimitApiFactory>
{
    [Fact]
    public async Task Over_the_limit_a_client_gets_429_problem_with_retry_after_and_health_stays_open()
    {
        var http = api.Factory.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) answers.Add(await http.GetAsync("/v1/associations?limit=1"));

        answers.Take(3).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var rejected = answers[3];
        rejected.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        rejected.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        rejected.Headers.RetryAfter!.Delta!.Value.Should().BePositive();
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(429);
        answers[4].StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>Machine clients are counted per API key once their key has authenticated, not per IP address.</summary>
public sealed class ApiKeyRateLimitingTests : IDisposable
{
    private readonly RegistryApiFactory _inner = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api;

    public ApiKeyRateLimitingTests() => _api = _inner.WithWebHostBuilder(b =>
    {
        b.UseSetting("RateLimiting:PermitLimit", "4");
        b.UseSetting("RateLimiting:ApiKeyPermitLimit", "5");
        b.UseSetting("RateLimiting:WindowSeconds", "3600");
        b.UseSetting("DemoData:Count", "10");
    });

    [Fact]
    public async Task A_verified_key_has_its_own_allowance_and_its_own_429()
    {
        var anonymous = _api.CreateClient();
        var token = (await new Registry.Client.RegistryApiClient(anonymous).CreateDevTokenAsync(
            new Registry.Client.DevTokenRequest { Role = "admin", Subject = "admin-limits" })).Token;        // IP: 1
        var admin = _api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var key = (await new Registry.Client.RegistryApiClient(admin).CreateApiKeyAsync(
            new Registry.Client.NewApiKey { Name = "limits", Scopes = ["changes:read"] }, Guid.NewGuid().ToString())).Key!; // IP: 2
        var machine = _api.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);

        (await machine.GetAsync("/v1/changes")).StatusCode.Should().Be(HttpStatusCode.OK, "unverified until now: counted on the IP (3)");
        var keyed = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) keyed.Add((await machine.GetAsync("/v1/changes")).StatusCode);
        var anonymousAfter = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++) anonymousAfter.Add((await anonymous.GetAsync("/v1/regions")).StatusCode);

        keyed.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK, "the key has five requests of its own");
        keyed[5].Should().Be(HttpStatusCode.TooManyRequests);
        anonymousAfter.Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
    }

    public void Dispose()
    {
        _api.Dispose();
        _inner.Dispose();
    }
}
