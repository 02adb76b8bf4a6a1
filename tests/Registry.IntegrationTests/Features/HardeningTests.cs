using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;

namespace Registry.IntegrationTests.Features;

[Collection(nameof(ApiCollection))]
public sealed class CorsAndHeadersTests(RegistryApiFactory api)
{
    private readonly HttpClient _http = api.CreateClient();

    [Theory]
    [InlineData("/v1/regions")]
    [InlineData("/v1/associations?q=asso")]
    [InlineData("/v1/open-data")]
    public async Task Public_reads_are_open_to_any_origin(string path)
    {
        var get = new HttpRequestMessage(HttpMethod.Get, path);
        get.Headers.Add("Origin", "https://journal.example");
        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://journal.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");

        var answer = await _http.SendAsync(get);
        var allowed = await _http.SendAsync(preflight);

        answer.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        answer.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        allowed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
    }

    [Theory]
    [InlineData("/v1/associations/export?format=csv&region=12")]
    [InlineData("/v1/associations?q=asso")]
    [InlineData("/v1/open-data/dictionary")]
    public async Task A_get_that_names_a_json_content_type_without_a_body_is_still_a_read(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/declarations", "POST")]
    [InlineData("/v1/changes", "GET")]
    [InlineData("/v1/api-keys", "GET")]
    public async Task Everything_else_is_closed_to_other_origins(string path, string method)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        var answer = await _http.SendAsync(preflight);

        answer.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }
}

/// <summary>Limits that only a real Kestrel enforces, on a real socket.</summary>
public sealed class KestrelLimitsTests : IDisposable
{
    private readonly RegistryApiFactory _inner = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api;
    private readonly HttpClient _http;

    public KestrelLimitsTests()
    {
        _api = _inner.WithWebHostBuilder(b =>
        {
            b.UseSetting("DemoData:Count", "10");
            b.UseSetting("Limits:MaxConcurrentExports", "0");
        });
        _http = new HttpClient { BaseAddress = new Uri(_api.StartOnSocket()) };
    }

    [Fact]
    public async Task No_server_banner()
    {
        var response = await _http.GetAsync("/v1/regions");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Server.Should().BeEmpty();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _http.PostAsync("/v1/dev/tokens", body);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("   at ");
    }

    [Fact]
    public async Task Headers_over_the_limit_are_431()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/regions");
        request.Headers.Add("X-Padding", new string('a', 40_000));

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task A_client_sending_its_body_too_slowly_is_cut_off()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_http.BaseAddress!.Host, _http.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("POST /v1/dev/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"u8.ToArray());

        var answer = "";
        var buffer = new byte[4096];
        for (var second = 0; second < 30 && answer.Length == 0; second++)
        {
            try
            {
                await stream.WriteAsync(" "u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }
            await Task.Delay(1000);
            if (stream.DataAvailable) answer = System.Text.Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
        }

        answer.Should().StartWith("HTTP/1.1 408", "Kestrel's minimum data rate cuts off a client that dribbles its body");
    }

    [Fact]
    public async Task The_docs_page_has_a_content_security_policy()
    {
        var response = await _http.GetAsync("/docs/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'").And.Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Exports_over_the_cap_are_429_with_retry_after()
    {
        var response = await _http.GetAsync("/v1/associations/export?format=csv");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        _http.Dispose();
        _api.Dispose();
        _inner.Dispose();
    }
}
