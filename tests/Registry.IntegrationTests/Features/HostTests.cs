using System.Net;
using System.Text.Json;

namespace Registry.IntegrationTests.Features;

[Collection(nameof(ApiCollection))]
public sealed class HostTests(RegistryApiFactory api)
{
    private readonly HttpClient _http = api.CreateClient();

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/v1/regions/06/nothing")]
    [InlineData("/v2/regions")]
    public async Task Unknown_routes_are_404_problem_details(string path)
    {
        var response = await _http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(404);
        problem.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_wrong_method_is_a_problem_too()
    {
        var response = await _http.DeleteAsync("/v1/regions");

        ((int)response.StatusCode).Should().BeOneOf(404, 405);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Live_and_ready_health_checks_answer()
    {
        var live = await _http.GetAsync("/health/live");
        var ready = await _http.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("\"database\"").And.Contain("Healthy");
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_docs()
    {
        var page = await _http.GetAsync("/docs/index.html");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("swagger");
    }
}
