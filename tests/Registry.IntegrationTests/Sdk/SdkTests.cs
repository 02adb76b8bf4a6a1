using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client;

namespace Registry.IntegrationTests.Sdk;

/// <summary>The hand-written layer of the SDK: dependency injection, resilience, idempotency keys, typed problems, following the feed.</summary>
public sealed class SdkTests : IDisposable
{
    private readonly RegistryApiFactory _api = new();

    private async Task<IRegistryApiClient> ClientAsync(Action<IHttpClientBuilder>? primary = null)
    {
        var key = await _api.ChangeFeedKeyAsync();
        var services = new ServiceCollection();
        var builder = services.AddRegistryClient(o =>
        {
            o.BaseAddress = new Uri("http://localhost");
            o.ApiKey = key;
        });
        if (primary is null) builder.ConfigurePrimaryHttpMessageHandler(() => _api.Server.CreateHandler());
        else primary(builder);
        return services.BuildServiceProvider().GetRequiredService<IRegistryApiClient>();
    }

    [Fact]
    public async Task Problems_surface_as_typed_exceptions_with_their_field_errors()
    {
        var client = await ClientAsync();

        var call = () => client.ListChangesAsync(after: 0, limit: 0, wait: 0, region: "13");

        var problem = (await call.Should().ThrowAsync<RegistryProblemException>()).Which;
        problem.StatusCode.Should().Be(400);
        problem.Title.Should().NotBeNullOrEmpty();
        problem.Errors.Keys.Should().Contain(k => k.Equals("limit", StringComparison.OrdinalIgnoreCase))
            .And.Contain(k => k.Equals("region", StringComparison.OrdinalIgnoreCase));
        var missing = () => client.GetRegionAsync("13");
        (await missing.Should().ThrowAsync<RegistryProblemException>()).Which.Detail.Should().Contain("01 to 12");
    }

    [Fact]
    public async Task A_post_retried_after_503_and_429_keeps_its_idempotency_key_and_waits_as_told()
    {
        var flaky = new FlakyServer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests);
        var services = new ServiceCollection();
        services.AddRegistryClient(o => o.BaseAddress = new Uri("http://registry.test")).ConfigurePrimaryHttpMessageHandler(() => flaky);
        var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IRegistryApiClient));

        var response = await http.PostAsync("/v1/anything", new StringContent("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        flaky.Keys.Should().HaveCount(3).And.OnlyContain(k => k != null && k == flaky.Keys[0]);
        (flaky.Times[1] - flaky.Times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "Retry-After: 1 is honoured");
    }

    [Fact]
    public async Task Following_the_feed_pages_then_waits_for_new_changes()
    {
        var client = await ClientAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = new List<ChangeEvent>();
        await foreach (var change in client.FollowChangesAsync(2390, stop.Token, pageSize: 4, waitSeconds: 1))
        {
            events.Add(change);
            if (events.Count == 10) break;
        }

        events.Select(e => e.Position!.Value).Should().Equal(Enumerable.Range(2391, 10).Select(i => (long)i));
    }

    private sealed class FlakyServer(params HttpStatusCode[] failures) : HttpMessageHandler
    {
        public List<string?> Keys { get; } = [];
        public List<DateTimeOffset> Times { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var v) ? v.Single() : null);
            Times.Add(DateTimeOffset.UtcNow);
            var attempt = Keys.Count - 1;
            var response = new HttpResponseMessage(attempt < failures.Length ? failures[attempt] : HttpStatusCode.Created);
            if (attempt < failures.Length) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return Task.FromResult(response);
        }
    }

    public void Dispose() => _api.Dispose();
}
