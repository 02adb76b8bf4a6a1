using System.Net;
using Registry.Client;

namespace Registry.IntegrationTests.Features;

[Collection(nameof(ApiCollection))]
public sealed class ReferenceDataTests(RegistryApiFactory api)
{
    private readonly RegistryApiClient _sdk = api.Sdk();

    [Fact]
    public async Task Lists_the_twelve_regions_with_arabic_names()
    {
        var regions = await _sdk.ListRegionsAsync();

        regions.Items.Should().HaveCount(12);
        regions.Items.Select(r => r.Code).Should().BeEquivalentTo(Enumerable.Range(1, 12).Select(i => i.ToString("D2")), o => o.WithStrictOrdering());
        regions.Items.Should().ContainSingle(r => r.Code == "06").Which.NameAr.Should().Be("الدار البيضاء سطات");
        regions.Items.Sum(r => r.ProvinceCount).Should().Be(75);
    }

    [Fact]
    public async Task A_region_comes_with_its_prefectures_and_provinces()
    {
        var detail = await _sdk.GetRegionAsync("06");

        detail.Region.NameFr.Should().Be("Casablanca-Settat");
        detail.Provinces.Should().HaveCount(9).And.Contain(p => p.Code == "06.141" && p.Type == "prefecture" && p.NameAr == "الدار البيضاء");
        (await _sdk.ListRegionProvincesAsync("06")).Items.Should().BeEquivalentTo(detail.Provinces);
    }

    [Theory]
    [InlineData("13")]
    [InlineData("6")]
    [InlineData("%27%20OR%201%3D1--")]
    public async Task An_unknown_region_is_a_404_problem_that_says_what_exists(string code)
    {
        var getRegion = () => _sdk.GetRegionAsync(Uri.UnescapeDataString(code));
        var listProvinces = () => _sdk.ListRegionProvincesAsync(Uri.UnescapeDataString(code));

        (await getRegion.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(404);
        (await listProvinces.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(404);

        var response = await api.CreateClient().GetAsync($"/v1/regions/{code}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("01 to 12");
    }

    [Fact]
    public async Task Lists_the_activity_domains_in_french_and_arabic()
    {
        var domains = await _sdk.ListDomainsAsync();

        domains.Items.Should().HaveCountGreaterThanOrEqualTo(12).And.HaveCountLessThanOrEqualTo(15);
        domains.Items.Should().OnlyContain(d => d.NameFr.Length > 0 && d.NameAr.Length > 0 && d.IcnpoGroup.Length > 0);
        domains.Items.Select(d => d.Code).Should().OnlyHaveUniqueItems().And.Contain("environment");
    }

    [Fact]
    public async Task Arabic_text_is_sent_as_utf8_not_escaped()
    {
        var body = await api.CreateClient().GetStringAsync("/v1/regions");

        body.Should().Contain("طنجة تطوان الحسيمة").And.Contain("L'Oriental");
    }
}
