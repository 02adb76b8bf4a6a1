using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Client;

namespace Registry.IntegrationTests.Features;

[Collection(nameof(ApiCollection))]
public sealed class DirectorySearchTests(RegistryApiFactory api)
{
    private readonly RegistryApiClient _sdk = api.Sdk();

    [Theory]
    [InlineData("جمعية الأمل", "جَمْعِيَّة الامل", "جمعـــية الأمل", "جمعيه الامل")]
    [InlineData("أڭرام", "أݣرام", "اگرام", "اڭرام")]
    [InlineData("الإحسان", "الاحسان", "الإحْسان", "الاحسـان")]
    [InlineData("التربية والصحة", "التربيه والصحه", "التَّرْبِيَة والصِّحَّة", "التربيـة والصحـة")]
    public async Task Arabic_spellings_of_the_same_words_find_the_same_associations(params string[] spellings)
    {
        var results = new List<List<string>>();
        foreach (var q in spellings) results.Add((await AllAsync(q)).Select(a => a.RegistryNumber!).Order().ToList());

        results[0].Should().NotBeEmpty();
        results.Should().AllSatisfy(r => r.Should().Equal(results[0]));
    }

    [Fact]
    public async Task Records_stored_with_harakat_tatweel_or_either_moroccan_g_are_found_by_a_plain_query()
    {
        var stored = (await AllAsync("جمعية")).Select(a => a.NameAr!).ToList();

        stored.Should().Contain(n => n.Contains("جَمْعِيَّة")).And.Contain(n => n.Contains("جمعـــية")).And.Contain(n => n.Contains("جمعيه"));
        (await AllAsync("اڭرام")).Select(a => a.NameAr!).Should().Contain(n => n.Contains('ݣ')).And.Contain(n => n.Contains('ڭ'));
    }

    [Fact]
    public async Task French_accents_and_case_do_not_matter()
    {
        var plain = await NumbersAsync("eleves fes");

        plain.Should().NotBeEmpty();
        (await NumbersAsync("ÉLÈVES Fès")).Should().Equal(plain);
        (await NumbersAsync("d'élèves FÈS")).Should().Equal(plain);
    }

    [Theory]
    [InlineData("asso")]
    [InlineData("جمع")]
    [InlineData("envir")]
    public async Task Words_are_matched_by_prefix(string prefix)
    {
        var page = await _sdk.SearchAssociationsAsync(q: prefix, limit: 100);

        page.Items.Should().NotBeEmpty();
        page.Items.Should().OnlyContain(a => Words(a).Any(w => w.StartsWith(SearchText.Terms(prefix)[0], StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Several_words_must_all_match()
    {
        var amal = await NumbersAsync("amal");
        var dev = await NumbersAsync("develop");
        var both = await AllAsync("amal develop");

        both.Should().NotBeEmpty();
        both.Count.Should().BeLessThan(Math.Min(amal.Count, dev.Count));
        both.Select(a => a.RegistryNumber!).Order().Should().Equal(amal.Intersect(dev).Order());
        both.Should().OnlyContain(a => Words(a).Any(w => w.StartsWith("amal", StringComparison.Ordinal)) && Words(a).Any(w => w.StartsWith("develop", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_exact_name_comes_before_partial_matches()
    {
        const string name = "Association Annour";
        await AddAsync("ASSOCIATION ANNOUR");
        var all = await AllAsync("association annour");

        var exact = all.Select((a, i) => (a, i)).Where(x => SearchText.Key(x.a.NameFr) == SearchText.Key(name)).Select(x => x.i).ToList();
        exact.Should().NotBeEmpty();
        all.Count.Should().BeGreaterThan(exact.Count, "other associations match the words without being named so");
        exact.Should().Equal(Enumerable.Range(0, exact.Count), "exact names are ranked first");
    }

    [Fact]
    public async Task Relevance_prefers_a_name_to_the_object()
    {
        var all = await AllAsync("culturelle");
        var inName = all.TakeWhile(a => SearchText.Terms(a.NameFr).Contains("culturelle")).Count();

        inName.Should().BeGreaterThan(0);
        all.Skip(inName).Should().NotBeEmpty().And.OnlyContain(a => !SearchText.Terms(a.NameFr).Contains("culturelle"));
    }

    [Theory]
    [InlineData("asso", null, null)]
    [InlineData("asso", "03", "name")]
    [InlineData(null, "06", "-foundedOn")]
    [InlineData(null, null, "updatedAt")]
    [InlineData("جمعية", "01", null)]
    public async Task Paging_to_the_end_returns_every_match_once(string? q, string? region, string? sort)
    {
        var first = await _sdk.SearchAssociationsAsync(q: q, region: region, sort: sort, limit: 1);
        var all = await AllAsync(q, region, sort, limit: 37);

        all.Select(a => a.RegistryNumber).Should().OnlyHaveUniqueItems();
        if (first.TotalExact) all.Should().HaveCount((int)first.Total);
        all.Should().HaveCountGreaterThan(37);
        (await AllAsync(q, region, sort, limit: 100)).Select(a => a.RegistryNumber).Should().Equal(all.Select(a => a.RegistryNumber), "the order is stable");
    }

    [Fact]
    public async Task Sorts_follow_their_key()
    {
        var founded = (await _sdk.SearchAssociationsAsync(region: "05", sort: "foundedOn", limit: 100)).Items.Select(a => a.FoundedOn!.Value).ToList();
        var newest = (await _sdk.SearchAssociationsAsync(region: "05", sort: "-foundedOn", limit: 100)).Items.Select(a => a.FoundedOn!.Value).ToList();
        var names = (await _sdk.SearchAssociationsAsync(region: "05", limit: 100)).Items.Select(a => SearchText.Key(a.NameFr)).ToList();

        founded.Should().BeInAscendingOrder();
        newest.Should().BeInDescendingOrder();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_results()
    {
        var page = await _sdk.SearchAssociationsAsync(region: "06", domain: "environment", kind: "association", status: "registered",
            foundedFrom: new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), foundedTo: new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero), limit: 100);
        var publicUtility = await _sdk.SearchAssociationsAsync(publicUtility: true, limit: 100);

        page.Items.Should().NotBeEmpty().And.OnlyContain(a => a.RegionCode == "06" && a.Domains!.Contains("environment")
            && a.Kind == "association" && a.Status == "registered" && a.FoundedOn!.Value.Year >= 1990 && a.FoundedOn!.Value.Year <= 2020);
        publicUtility.Items.Should().NotBeEmpty().And.OnlyContain(a => a.PublicUtilityDecree != null);
    }

    [Fact]
    public async Task Paging_while_associations_are_added_returns_each_existing_match_once()
    {
        var before = await NumbersAsync("tifawin", sort: "name");
        var seen = new List<string>();
        string? cursor = null;
        var added = 0;
        do
        {
            var page = await _sdk.SearchAssociationsAsync(q: "tifawin", sort: "name", limit: 5, cursor: cursor);
            seen.AddRange(page.Items.Select(a => a.RegistryNumber!));
            cursor = page.NextCursor;
            // Added between pages: one that sorts first (already passed) and one that sorts last (still ahead).
            await AddAsync($"Aaa Tifawin {added}", $"Zzz Tifawin {added}");
            added++;
        } while (cursor is not null);

        seen.Should().OnlyHaveUniqueItems();
        seen.Should().Contain(before);
        seen.Except(before).Should().HaveCountLessThanOrEqualTo(added * 2, "only associations added meanwhile are new");
    }

    [Fact]
    public async Task Paging_by_relevance_while_associations_are_added_returns_each_existing_match_once()
    {
        var before = await NumbersAsync("tamaynut");
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _sdk.SearchAssociationsAsync(q: "tamaynut", limit: 6, cursor: cursor);
            seen.AddRange(page.Items.Select(a => a.RegistryNumber!));
            cursor = page.NextCursor;
            await AddAsync("Tamaynut", "Association Tamaynut");
        } while (cursor is not null);

        seen.Should().OnlyHaveUniqueItems().And.Contain(before);
    }

    [Fact]
    public async Task The_total_is_exact_below_the_threshold_and_a_lower_bound_above()
    {
        var some = await _sdk.SearchAssociationsAsync(q: "tifawin", limit: 1);
        var everything = await _sdk.SearchAssociationsAsync(limit: 1);

        some.TotalExact.Should().BeTrue();
        some.HasMore.Should().BeTrue();
        some.Next.Should().StartWith("/v1/associations?").And.Contain("cursor=");
        everything.TotalExact.Should().BeTrue("the demo register is below the 10,000 threshold");
        everything.Total.Should().BeGreaterThanOrEqualTo(2400);
    }

    [Fact]
    public async Task The_next_link_gives_the_next_page()
    {
        var first = await _sdk.SearchAssociationsAsync(q: "amal", region: "07", limit: 3);
        var viaLink = await api.CreateClient().GetStringAsync(first.Next);
        var viaCursor = await _sdk.SearchAssociationsAsync(q: "amal", region: "07", limit: 3, cursor: first.NextCursor);

        viaLink.Should().Contain(viaCursor.Items[0].RegistryNumber);
        viaCursor.Items.Select(a => a.RegistryNumber).Should().NotIntersectWith(first.Items.Select(a => a.RegistryNumber));
    }

    private async Task AddAsync(params string[] names)
    {
        var db = api.Services.GetRequiredService<Database>();
        await db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, db.Dialect, names.Select(n => new NewAssociation
        {
            Kind = AssociationKind.Association, Scope = AssociationScope.Local, Status = AssociationStatus.Deposited,
            NameFr = n, Object = "Paging test.", SeatAddress = "1, Rue Test", Commune = "Tiznit", ProvinceCode = "09.581", RegionCode = "09",
            FoundedOn = new DateOnly(2026, 11, 30),
        }).ToList(), DateTimeOffset.UtcNow), default);
    }

    private async Task<List<string>> NumbersAsync(string q, string? sort = null) =>
        (await AllAsync(q, sort: sort)).Select(a => a.RegistryNumber!).Order().ToList();

    private async Task<List<PublicAssociation>> AllAsync(string? q, string? region = null, string? sort = null, int limit = 100)
    {
        var all = new List<PublicAssociation>();
        string? cursor = null;
        do
        {
            var page = await _sdk.SearchAssociationsAsync(q: q, region: region, sort: sort, limit: limit, cursor: cursor);
            all.AddRange(page.Items);
            page.HasMore.Should().Be(page.NextCursor is not null);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return all;
    }

    private static IEnumerable<string> Words(PublicAssociation a) =>
        new[] { a.NameFr, a.NameAr, a.NameZgh, a.Acronym, a.Object }.SelectMany(SearchText.IndexTerms);
}
