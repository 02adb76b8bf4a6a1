using System.Net;
using System.Text.Json;

namespace Registry.IntegrationTests.Features;

[Collection(nameof(ApiCollection))]
public sealed class DirectoryBadInputTests(RegistryApiFactory api)
{
    private readonly HttpClient _http = api.CreateClient();

    [Theory]
    [InlineData("region=99", "region")]
    [InlineData("region=%27%20OR%201%3D1--", "region")]
    [InlineData("province=06.999", "province")]
    [InlineData("domain=astrology", "domain")]
    [InlineData("kind=club", "kind")]
    [InlineData("status=pending", "status")]
    [InlineData("publicUtility=maybe", "publicUtility")]
    [InlineData("foundedFrom=2020-13-01", "foundedFrom")]
    [InlineData("foundedFrom=01/02/2020", "foundedFrom")]
    [InlineData("foundedTo=yesterday", "foundedTo")]
    [InlineData("foundedFrom=2020-01-01&foundedTo=2019-01-01", "foundedTo")]
    [InlineData("updatedSince=not-a-date", "updatedSince")]
    [InlineData("updatedSince=2026-02-30T00:00:00Z", "updatedSince")]
    [InlineData("sort=popularity", "sort")]
    [InlineData("sort=relevance", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=%F0%9F%98%80", "cursor")]
    [InlineData("cursor=djF8Zm9vfDF8YmFy", "cursor")]
    [InlineData("q=asso%00ciation", "q")]
    [InlineData("q=%01%02", "q")]
    [InlineData("q=!!!", "q")]
    [InlineData("q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k%20l%20m%20n%20o%20p%20q%20r%20s%20tt%20uu%20vv%20ww%20xx%20yy%20zz%20ab%20cd%20ef", "q")]
    [InlineData("region=01&region=02", "region")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await _http.GetAsync($"/v1/associations?{query}");

        await ShouldBeProblemNaming(response, parameter);
    }

    [Fact]
    public async Task A_10_kB_query_is_a_400_not_a_500()
    {
        var response = await _http.GetAsync($"/v1/associations?q={new string('a', 10_240)}");

        await ShouldBeProblemNaming(response, "q");
    }

    [Fact]
    public async Task A_cursor_from_another_query_is_refused()
    {
        var page = JsonDocument.Parse(await _http.GetStringAsync("/v1/associations?q=amal&limit=2")).RootElement;
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);

        var response = await _http.GetAsync($"/v1/associations?q=nour&limit=2&cursor={cursor}");

        await ShouldBeProblemNaming(response, "cursor");
        (await _http.GetAsync($"/v1/associations?q=amal&limit=2&cursor={cursor}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Several_bad_parameters_are_all_named()
    {
        var response = await _http.GetAsync("/v1/associations?limit=0&region=99&foundedFrom=x");

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("limit", "region", "foundedFrom");
    }

    [Theory]
    [InlineData("q=%E2%80%8B%E2%80%8B")]
    [InlineData("q=%D9%8E%D9%8E%D9%8E")]
    [InlineData("q=\u0640\u0640")]
    public async Task A_query_of_only_marks_is_a_400_too(string query) =>
        await ShouldBeProblemNaming(await _http.GetAsync($"/v1/associations?{query}"), "q");

    [Theory]
    [InlineData("q=%27%3B%20DROP%20TABLE%20associations%3B--")]
    [InlineData("q=%25asso%25%20__")]
    [InlineData("q=%F0%9F%98%80%20asso")]
    [InlineData("q=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("unknown=1&limit=100")]
    [InlineData("LIMIT=5&Q=asso")]
    public async Task Odd_but_valid_queries_are_answered(string query)
    {
        var response = await _http.GetAsync($"/v1/associations?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task ShouldBeProblemNaming(HttpResponseMessage response, string parameter)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(400);
        problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages).Should().BeTrue();
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
    }
}
