using Microsoft.AspNetCore.WebUtilities;
using Registry.Api.Features.Directory;

namespace Registry.UnitTests.Features;

public sealed class DirectoryQueryTests
{
    private static readonly ReferenceCodeSet Codes = new(new HashSet<string> { "03", "06" }, new HashSet<string> { "06.141" }, new HashSet<string> { "environment" });

    private static (DirectoryQuery Query, Dictionary<string, string[]> Errors) Parse(string queryString)
    {
        var errors = new Dictionary<string, string[]>();
        return (DirectoryQueryParser.Parse(QueryHelpers.ParseQuery(queryString), Codes, errors), errors);
    }

    [Fact]
    public void Defaults_are_name_order_and_twenty_per_page()
    {
        var (q, errors) = Parse("");

        errors.Should().BeEmpty();
        q.Sort.Should().Be(DirectorySort.Name);
        q.Limit.Should().Be(20);
        q.SortName.Should().Be("name");
    }

    [Fact]
    public void A_query_is_ranked_by_relevance_unless_sorted_otherwise()
    {
        Parse("q=Asso%20Al-Amal").Query.Should().Match<DirectoryQuery>(q => q.Sort == DirectorySort.Relevance && q.NameKey == "asso al amal");
        Parse("q=asso&sort=-foundedOn").Query.Should().Match<DirectoryQuery>(q => q.Sort == DirectorySort.FoundedOn && q.Descending);
        Parse("q=asso%20d%27%C3%A9l%C3%A8ves").Query.Terms.Should().Equal("asso", "eleves");
    }

    [Fact]
    public void Filters_are_read()
    {
        var (q, errors) = Parse("region=06&province=06.141&domain=environment&kind=union&status=registered&publicUtility=TRUE" +
                                "&foundedFrom=2001-02-03&foundedTo=2002-02-03&updatedSince=2026-01-01T10:00:00%2B01:00&limit=100");

        errors.Should().BeEmpty();
        q.Should().BeEquivalentTo(new
        {
            Region = "06", Province = "06.141", Domain = "environment", Kind = "union", Status = "registered", PublicUtility = (bool?)true,
            FoundedFrom = (DateOnly?)new DateOnly(2001, 2, 3), FoundedTo = (DateOnly?)new DateOnly(2002, 2, 3),
            UpdatedSince = (DateTimeOffset?)new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), Limit = 100,
        });
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=+5", "limit")]
    [InlineData("region=6", "region")]
    [InlineData("sort=-relevance", "sort")]
    [InlineData("q=x", "q")]
    [InlineData("q=a%0Ab", "q")]
    [InlineData("foundedFrom=2020-02-30", "foundedFrom")]
    public void Bad_values_are_reported_against_their_parameter(string queryString, string parameter) =>
        Parse(queryString).Errors.Should().ContainKey(parameter).And.HaveCount(1);

    [Fact]
    public void A_cursor_round_trips_with_its_own_query_only()
    {
        var (q, _) = Parse("q=amal&region=03&limit=5");
        var cursor = q.CursorAfter("12", 42);

        var (same, sameErrors) = Parse($"q=AMAL&region=03&limit=50&cursor={cursor}");
        var (other, otherErrors) = Parse($"q=amal&region=06&limit=5&cursor={cursor}");

        sameErrors.Should().BeEmpty("the page size may change between pages");
        same.After.Should().Be(new DirectoryCursor("12", 42));
        otherErrors.Should().ContainKey("cursor");
        other.After.Should().BeNull();
    }

    [Fact]
    public void A_cursor_with_a_key_of_the_wrong_kind_is_refused()
    {
        var (q, _) = Parse("sort=foundedOn");
        var cursor = q.CursorAfter("not-a-date", 1);

        Parse($"sort=foundedOn&cursor={cursor}").Errors.Should().ContainKey("cursor");
    }
}
