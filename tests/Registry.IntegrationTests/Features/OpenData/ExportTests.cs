using System.Net;
using System.Text.Json;
using Registry.Client;

namespace Registry.IntegrationTests.Features.OpenData;

[Collection(nameof(ApiCollection))]
public sealed class ExportTests(RegistryApiFactory api)
{
    private readonly HttpClient _http = api.CreateClient();

    [Fact]
    public async Task A_filtered_csv_export_holds_exactly_the_directory_matches_with_the_open_data_columns()
    {
        var search = await AllMatchesAsync("region=06&kind=association&status=registered");

        var response = await _http.GetAsync("/v1/associations/export?format=csv&region=06&kind=association&status=registered");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().EndWith(".csv");
        var rows = SnapshotFiles.Csv(await response.Content.ReadAsByteArrayAsync());
        rows.Select(r => r["registry_number"]).Should().BeEquivalentTo(search).And.BeInAscendingOrder(StringComparer.Ordinal);
        rows.Should().OnlyContain(r => r["region_code"] == "06" && r["kind"] == "association" && r["status"] == "registered");
        rows[0].Keys.Should().Equal(Registry.Api.Features.OpenData.RegisterColumns.All.Select(c => c.Name));
    }

    [Fact]
    public async Task An_ndjson_export_with_words_matches_the_search()
    {
        var search = await AllMatchesAsync("q=" + Uri.EscapeDataString("جمعية الامل"));

        var body = await _http.GetByteArrayAsync("/v1/associations/export?format=ndjson&q=" + Uri.EscapeDataString("جمعية الامل"));

        var rows = SnapshotFiles.Ndjson(body);
        rows.Should().NotBeEmpty();
        rows.Select(r => r["registry_number"]).Should().BeEquivalentTo(search);
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("region=13", "region")]
    [InlineData("foundedFrom=2020-13-40", "foundedFrom")]
    public async Task Bad_filters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await _http.GetAsync($"/v1/associations/export?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _).Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> AllMatchesAsync(string query)
    {
        var numbers = new List<string>();
        string? next = $"/v1/associations?{query}&limit=100";
        while (next is not null)
        {
            using var page = JsonDocument.Parse(await _http.GetStringAsync(next));
            numbers.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("registryNumber").GetString()!));
            next = page.RootElement.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }
        return numbers;
    }
}

/// <summary>The export on a real socket, with room for one export at a time.</summary>
public sealed class StreamedExportTests : IDisposable
{
    private readonly RegistryApiFactory _inner = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api;
    private readonly HttpClient _http;

    public StreamedExportTests()
    {
        _api = _inner.WithWebHostBuilder(b => b.UseSetting("Limits:MaxConcurrentExports", "1"));
        _http = new HttpClient { BaseAddress = new Uri(_api.StartOnSocket()) };
    }

    [Fact]
    public async Task A_client_that_reads_the_first_line_and_goes_away_frees_the_export_for_the_next_one()
    {
        using (var first = await _http.GetAsync("/v1/associations/export?format=csv", HttpCompletionOption.ResponseHeadersRead))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
            using var reader = new StreamReader(await first.Content.ReadAsStreamAsync());
            (await reader.ReadLineAsync()).Should().StartWith("registry_number,kind,scope,status,");
        }

        var next = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 50 && next == HttpStatusCode.TooManyRequests; attempt++)
        {
            using var response = await _http.GetAsync("/v1/associations/export?format=ndjson&region=06");
            next = response.StatusCode;
            if (next == HttpStatusCode.TooManyRequests) await Task.Delay(100);
        }

        next.Should().Be(HttpStatusCode.OK, "the export the first client left must stop and give back its slot");
    }

    public void Dispose()
    {
        _http.Dispose();
        _api.Dispose();
        _inner.Dispose();
    }
}
