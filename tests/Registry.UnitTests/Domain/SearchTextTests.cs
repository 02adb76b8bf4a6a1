using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("جَمْعِيَّة", "جمعيه")]
    [InlineData("جمعـــية", "جمعيه")]
    [InlineData("جمعية", "جمعيه")]
    [InlineData("جمعيه", "جمعيه")]
    [InlineData("الأمل", "الامل")]
    [InlineData("الامل", "الامل")]
    [InlineData("إحسان", "احسان")]
    [InlineData("آسفي", "اسفي")]
    [InlineData("ٱلرحمن", "الرحمن")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("مؤسسة", "موسسه")]
    [InlineData("رئيس", "رييس")]
    [InlineData("أڭرام", "اڭرام")]
    [InlineData("أݣرام", "اڭرام")]
    [InlineData("أگرام", "اڭرام")]
    [InlineData("٢٠٢٦", "2026")]
    [InlineData("۲۰۲۶", "2026")]
    [InlineData("الرَّحْمٰن", "الرحمن")]
    public void Arabic_variants_fold_to_one_form(string text, string expected) =>
        SearchText.Tokens(text).Should().Equal(expected);

    [Fact]
    public void The_demo_datas_arabic_variants_of_one_name_give_the_same_words()
    {
        var variants = new[] { "جمعية الأمل للتنمية فاس", "جَمْعِيَّة الأمل للتنمية فاس", "جمعـــية الامل للتنمية فاس", "جمعيه الأمل للتنمية فاس" };

        variants.Select(v => string.Join(' ', SearchText.Tokens(v))).Distinct().Should().ContainSingle()
            .Which.Should().Be("جمعيه الامل للتنميه فاس");
    }

    [Fact]
    public void Kaf_stays_distinct_from_the_moroccan_g() =>
        SearchText.Tokens("كرام ڭرام").Should().Equal("كرام", "ڭرام");

    [Theory]
    [InlineData("Fès-Meknès", new[] { "fes", "meknes" })]
    [InlineData("d'élèves", new[] { "d", "eleves" })]
    [InlineData("L’Oriental", new[] { "l", "oriental" })]
    [InlineData("ÉCOLE Publique", new[] { "ecole", "publique" })]
    [InlineData("Laâyoune-Sakia El Hamra", new[] { "laayoune", "sakia", "el", "hamra" })]
    [InlineData("Tanger-Tétouan-Al Hoceïma", new[] { "tanger", "tetouan", "al", "hoceima" })]
    [InlineData("Mise en œuvre", new[] { "mise", "en", "oeuvre" })]
    [InlineData("Solidarité sans frontières – Maroc", new[] { "solidarite", "sans", "frontieres", "maroc" })]
    [InlineData("  a.b,c;(d)  ", new[] { "a", "b", "c", "d" })]
    public void French_folds_accents_and_case_and_splits_on_hyphens_and_apostrophes(string text, string[] expected) =>
        SearchText.Tokens(text).Should().Equal(expected);

    [Fact]
    public void Mixed_scripts_and_tifinagh_are_kept_as_words() =>
        SearchText.Tokens("Club ⵜⴰⵎⵓⵏⵜ النور 2026").Should().Equal("club", "ⵜⴰⵎⵓⵏⵜ", "النور", "2026");

    [Fact]
    public void Control_characters_and_symbols_only_separate_words()
    {
        SearchText.Tokens("asso\u0000ciation\t\u001Fenv 😀 eau").Should().Equal("asso", "ciation", "env", "eau");
        SearchText.Tokens("!!! --- ''").Should().BeEmpty();
        SearchText.Tokens(null).Should().BeEmpty();
    }

    [Fact]
    public void Terms_are_distinct_words_of_two_characters_or_more() =>
        SearchText.Terms("Association des parents d'élèves et des amis de l'école").Should()
            .Equal("association", "des", "parents", "eleves", "et", "amis", "de", "ecole");

    [Fact]
    public void Index_terms_add_arabic_words_without_the_article() =>
        SearchText.IndexTerms("جمعية الأمل إلى").Should().Equal("جمعيه", "الامل", "امل", "الي");

    [Fact]
    public void Long_words_and_keys_are_cut()
    {
        SearchText.Tokens(new string('a', 100)).Single().Should().HaveLength(SearchText.MaxTermLength);
        SearchText.Key(string.Join(' ', Enumerable.Repeat("association", 50))).Length.Should().BeLessThanOrEqualTo(SearchText.MaxKeyLength);
    }

    [Fact]
    public void The_key_joins_the_normalised_words() =>
        SearchText.Key("  Association AL-AMAL   de Fès ").Should().Be("association al amal de fes");

    [Theory]
    [InlineData("asso", "assp")]
    [InlineData("جمع", "جمغ")]
    [InlineData("a", "b")]
    public void The_prefix_end_bounds_exactly_the_words_with_that_prefix(string prefix, string end)
    {
        var upper = SearchText.PrefixEnd(prefix);

        upper.Should().Be(end);
        string.CompareOrdinal(prefix + "ation", prefix).Should().BeGreaterThan(0);
        string.CompareOrdinal(prefix + "\uFFFD", upper).Should().BeLessThan(0);
    }

    [Fact]
    public void Normalising_twice_changes_nothing()
    {
        foreach (var text in new[] { "جَمْعِيَّة الأمل أڭرام", "Fès-Meknès d'élèves ŒUVRE", "٢٠٢٦ ⵜⴰⵎⵓⵏⵜ" })
        {
            var once = SearchText.Key(text);
            SearchText.Key(once).Should().Be(once);
        }
    }
}
