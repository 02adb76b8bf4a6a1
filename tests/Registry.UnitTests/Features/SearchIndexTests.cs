using Registry.Api.Features.Directory;

namespace Registry.UnitTests.Features;

public sealed class SearchIndexTests
{
    [Fact]
    public void Names_weigh_more_than_the_object_and_each_word_is_stored_once()
    {
        var entries = SearchIndex.Entries(new SearchDocument("Association Al Amal", "جمعية الأمل", null, "AAA", "Aider l'association du quartier."));

        entries.Terms.Should().BeEquivalentTo(new[]
        {
            ("association", 3), ("al", 3), ("amal", 3), ("جمعيه", 3), ("الامل", 3), ("امل", 3), ("aaa", 3),
            ("aider", 1), ("du", 1), ("quartier", 1),
        });
    }

    [Fact]
    public void Whole_names_and_acronym_are_keys_and_the_french_name_sorts()
    {
        var entries = SearchIndex.Entries(new SearchDocument("Association Al-Amal", "جَمعية الأمل", null, "A.A.", "Objet."));

        entries.NameKeys.Should().Equal("association al amal", "جمعيه الامل", "a a");
        entries.SortName.Should().Be("association al amal");
        SearchIndex.Entries(new SearchDocument(null, "جمعية النور", null, null, "x")).SortName.Should().Be("جمعيه النور");
    }
}
