using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Client;

namespace Registry.IntegrationTests.Features;

[Collection(nameof(ApiCollection))]
public sealed class DirectoryRecordTests(RegistryApiFactory api)
{
    private readonly RegistryApiClient _sdk = api.Sdk();
    private readonly HttpClient _http = api.CreateClient();

    private static readonly string[] PublicFields =
    [
        "registryNumber", "kind", "scope", "status", "nameFr", "nameAr", "nameZgh", "acronym", "object", "domains", "seatAddress",
        "commune", "provinceCode", "regionCode", "foundedOn", "provisionalReceiptNumber", "provisionalReceiptDate",
        "definitiveReceiptNumber", "definitiveReceiptDate", "publicUtilityDecree", "publicUtilityDate", "parentRegistryNumber",
        "contactEmail", "contactPhone", "website", "dissolvedOn", "updatedAt", "version",
    ];

    [Fact]
    public async Task The_public_record_is_found_by_its_registry_number_with_or_without_the_hyphen()
    {
        var listed = (await _sdk.SearchAssociationsAsync(region: "04", limit: 1)).Items[0];

        var record = await _sdk.GetAssociationAsync(listed.RegistryNumber!);
        var compact = await _sdk.GetAssociationAsync(listed.RegistryNumber!.Replace("-", ""));

        record.Should().BeEquivalentTo(listed);
        compact.RegistryNumber.Should().Be(listed.RegistryNumber);
        record.Domains.Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_public_record_holds_the_organisations_fields_only()
    {
        var number = (await _sdk.SearchAssociationsAsync(limit: 1)).Items[0].RegistryNumber;

        using var record = JsonDocument.Parse(await _http.GetStringAsync($"/v1/associations/{number}"));
        using var page = JsonDocument.Parse(await _http.GetStringAsync("/v1/associations?limit=5"));

        record.RootElement.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(PublicFields);
        page.RootElement.GetProperty("items").EnumerateArray().SelectMany(i => i.EnumerateObject().Select(p => p.Name)).Should().BeSubsetOf(PublicFields);
    }

    [Fact]
    public async Task The_record_has_a_strong_etag_and_answers_304_when_unchanged()
    {
        var number = (await _sdk.SearchAssociationsAsync(region: "02", limit: 1)).Items[0].RegistryNumber;

        var first = await _http.GetAsync($"/v1/associations/{number}");
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v1/associations/{number}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await _http.SendAsync(conditional);
        using var other = new HttpRequestMessage(HttpMethod.Get, $"/v1/associations/{number}");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"999999\""));
        var changed = await _http.SendAsync(other);
        using var since = new HttpRequestMessage(HttpMethod.Get, $"/v1/associations/{number}");
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        var notModifiedSince = await _http.SendAsync(since);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        etag.IsWeak.Should().BeFalse();
        first.Content.Headers.LastModified.Should().NotBeNull();
        first.Headers.CacheControl!.Public.Should().BeTrue();
        first.Headers.CacheControl.MaxAge.Should().BePositive();
        second.StatusCode.Should().Be(HttpStatusCode.NotModified);
        second.Headers.ETag.Should().Be(etag);
        (await second.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        notModifiedSince.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task A_mistyped_check_digit_is_a_404_that_says_so()
    {
        var number = (await _sdk.SearchAssociationsAsync(limit: 1)).Items[0].RegistryNumber!;
        var typo = number[..^1] + (char)('0' + (number[^1] - '0' + 1) % 10);

        var response = await _http.GetAsync($"/v1/associations/{typo}");
        var viaSdk = () => _sdk.GetAssociationAsync(typo);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("check digits do not match");
        (await viaSdk.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(404);
    }

    [Theory]
    [InlineData("12345", "is not a registry number")]
    [InlineData("abc", "is not a registry number")]
    [InlineData("9999999-67", "No association has the registry number 9999999-67")]
    public async Task Malformed_and_unknown_numbers_are_404_problems_with_a_clear_detail(string number, string detail)
    {
        var response = await _http.GetAsync($"/v1/associations/{number}");
        var history = await _http.GetAsync($"/v1/associations/{number}/history");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(detail);
        history.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_history_is_the_public_timeline_oldest_first()
    {
        var registered = (await _sdk.SearchAssociationsAsync(status: "registered", limit: 1)).Items[0];

        var history = await _sdk.GetAssociationHistoryAsync(registered.RegistryNumber!);

        history.RegistryNumber.Should().Be(registered.RegistryNumber);
        history.Items!.Select(e => e.Type).Should().StartWith(["deposited", "provisional_receipt", "definitive_receipt"]);
        history.Items!.Select(e => e.OccurredOn!.Value).Should().BeInAscendingOrder();
        history.Items!.Single(e => e.Type == "definitive_receipt").Reference.Should().Be(registered.DefinitiveReceiptNumber);
    }

    [Fact]
    public async Task Stats_count_the_register_every_way()
    {
        var stats = await _sdk.GetStatsAsync();

        stats.Total.Should().BeGreaterThanOrEqualTo(2400);
        stats.ByRegion.Should().HaveCount(12);
        foreach (var buckets in new[] { stats.ByRegion, stats.ByProvince, stats.ByKind, stats.ByStatus, stats.ByFoundingYear })
            buckets.Sum(b => b.Count).Should().Be(stats.Total);
        stats.ByFoundingYear.Should().OnlyContain(b => b.Key!.Length == 4 && b.Key.All(char.IsAsciiDigit));
        stats.ByDomain.Select(b => b.Key).Should().Contain("environment");
        stats.ByKind.Select(b => b.Key).Should().Contain(["association", "federation"]);
    }
}
