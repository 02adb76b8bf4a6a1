using Registry.Api.Features.Directory;

namespace Registry.UnitTests.Features;

public sealed class SearchPostingsTests
{
    // "amal": associations 1..6, whole in a name (6) for the even ones, a prefix in the object (1) for the odd ones.
    private static readonly WordPostings Amal = new([1, 2, 3, 4, 5, 6], [1, 6, 1, 6, 1, 6], 10);
    // "fes": associations 2, 3, 5, 6, 9 (9 has no "amal").
    private static readonly WordPostings Fes = new([2, 3, 5, 6, 9], [6, 3, 6, 3, 6], 10);

    [Fact]
    public void Every_word_must_match_and_scores_are_the_sum_of_the_word_weights()
    {
        var matches = SearchPostings.Match([Amal, Fes], new HashSet<long>())!;

        matches.Ids.Should().Equal(2, 3, 5, 6);
        matches.Scores.Should().Equal(12, 4, 7, 9);
    }

    [Fact]
    public void Past_the_most_matches_asked_for_there_is_no_answer()
    {
        SearchPostings.Match([Amal, Fes], new HashSet<long>(), maxMatches: 4)!.Ids.Should().HaveCount(4);
        SearchPostings.Match([Amal, Fes], new HashSet<long>(), maxMatches: 3).Should().BeNull();
    }

    [Fact]
    public void A_whole_name_match_comes_first_and_ties_go_to_the_oldest_record()
    {
        var matches = SearchPostings.Match([Amal, Fes], new HashSet<long> { 6, 9 })!;

        var (ids, scores) = matches.Ranked();

        ids.Should().Equal(6, 2, 5, 3);
        scores.Should().Equal(109, 12, 7, 4);
        SearchPostings.Match([Amal], new HashSet<long>())!.Ranked().Ids.Should().Equal(2, 4, 6, 1, 3, 5);
    }

    [Fact]
    public void Pages_after_a_cursor_walk_the_ranked_order_once()
    {
        var matches = SearchPostings.Match([Amal], new HashSet<long> { 3 })!;
        var walked = new List<long>();
        (int Score, long Id)? after = null;
        bool more;
        do
        {
            (var page, more) = matches.Page(after, 4);
            page.Should().HaveCountLessThanOrEqualTo(4);
            walked.AddRange(page.Select(p => p.Id));
            after = page.Count > 0 ? (page[^1].Score, page[^1].Id) : null;
        } while (more);

        walked.Should().Equal(matches.Ranked().Ids);
    }

    [Fact]
    public void Changed_associations_are_replaced_added_or_removed_in_id_order()
    {
        var patched = Fes.With(new Dictionary<int, int> { [3] = 0, [4] = 1, [6] = 6, [12] = 3, [1] = 6 }, 15);

        patched.Ids.Should().Equal(1, 2, 4, 5, 6, 9, 12);
        patched.Weights.Should().Equal(new byte[] { 6, 6, 1, 6, 6, 6, 3 });
        patched.Position.Should().Be(15);
        WeightOf(patched, 3).Should().Be(0);
        WeightOf(patched, 12).Should().Be(3);
    }

    [Fact]
    public void Long_lists_of_different_lengths_intersect_like_a_plain_look_up()
    {
        var random = new Random(7);
        WordPostings Random(int count, int range)
        {
            var ids = Enumerable.Range(0, count).Select(_ => random.Next(1, range)).Distinct().Order().ToArray();
            return new WordPostings(ids, ids.Select(_ => (byte)random.Next(1, 7)).ToArray(), 1);
        }
        var lists = new[] { Random(40_000, 100_000), Random(300, 100_000), Random(5_000, 100_000) };

        var matches = SearchPostings.Match(lists, new HashSet<long>())!;

        var expected = lists[1].Ids.Where(id => lists.All(l => WeightOf(l, id) > 0)).Select(id => (long)id).ToList();
        matches.Ids.Should().Equal(expected);
        matches.Scores.Should().Equal(expected.Select(id => lists.Sum(l => WeightOf(l, (int)id))));
    }

    private static int WeightOf(WordPostings postings, int id)
    {
        var at = Array.BinarySearch(postings.Ids, id);
        return at < 0 ? 0 : postings.Weights[at];
    }
}
