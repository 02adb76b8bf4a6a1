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
