using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Data;
using Registry.Api.Features.Associations;
using Registry.Api.Features.Changes;
using Registry.Client;
using Registry.IntegrationTests.Features.OpenData;

namespace Registry.IntegrationTests.Features.Changes;

public sealed class ChangeFeedTests : IDisposable
{
    private readonly RegistryApiFactory _api = new();

    [Fact]
    public async Task Paging_through_the_feed_gives_every_creation_once_in_order()
    {
        var sdk = await _api.FeedSdkAsync();
        var seen = new List<Registry.Client.ChangeEvent>();
        long after = 0;
        Registry.Client.ChangePage page;
        do
        {
            page = await sdk.ListChangesAsync(after: after, limit: 500);
            seen.AddRange(page.Events);
            after = page.Next!.Value;
        } while (page.HasMore == true);

        seen.Select(e => e.Position!.Value).Should().Equal(Enumerable.Range(1, 2400).Select(i => (long)i));
        seen.Should().OnlyContain(e => e.Type == "created");
        seen.Select(e => e.RegistryNumber).Should().OnlyHaveUniqueItems();
        var header = RegisterColumnNames();
        seen[0].Record.Keys.Should().BeEquivalentTo(header, "events carry the public record with the open-data columns, nothing more");
        (await sdk.ListChangesAsync(after: after)).Events.Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_keep_only_the_matching_events_and_still_move_the_position_on()
    {
        var sdk = await _api.FeedSdkAsync();

        var casablanca = await sdk.ListChangesAsync(after: 0, limit: 1000, region: "06");
        var federations = await sdk.ListChangesAsync(after: 0, limit: 1000, kind: "federation");
        var province = await sdk.ListChangesAsync(after: 0, limit: 1000, province: "06.141");

        casablanca.Events.Should().NotBeEmpty().And.OnlyContain(e => e.Record["region_code"] == "06");
        federations.Events.Should().NotBeEmpty().And.OnlyContain(e => e.Record["kind"] == "federation");
        province.Events.Should().NotBeEmpty().And.OnlyContain(e => e.Record["province_code"] == "06.141");
        var none = await sdk.ListChangesAsync(after: 2400, region: "06");
        none.Events.Should().BeEmpty();
        none.Next.Should().Be(2400);
    }

    [Fact]
    public async Task A_change_reaches_a_waiting_reader()
    {
        var sdk = await _api.FeedSdkAsync();
        var head = (await sdk.ListChangesAsync(after: 2399)).Next!.Value;

        var waiting = sdk.ListChangesAsync(after: head, wait: 20);
        await Task.Delay(300);
        var number = await RenameFirstAssociationAsync("Association renommée");
        var page = await waiting;

        page.Events.Should().ContainSingle().Which.Should().Match<Registry.Client.ChangeEvent>(e =>
            e.Position == head + 1 && e.Type == "updated" && e.RegistryNumber == number && e.Record["name_fr"] == "Association renommée");
        page.Events[0].ChangedFields.Should().Equal("name_fr");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("wait=31", "wait")]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("region=13", "region")]
    [InlineData("province=6.141", "province")]
    [InlineData("kind=club", "kind")]
    [InlineData("after=99999999", "after")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await (await _api.FeedHttpAsync()).GetAsync($"/v1/changes?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(parameter);
    }

    [Fact]
    public async Task A_position_older_than_the_retention_window_is_gone_and_says_to_reload_a_snapshot()
    {
        var sdk = await _api.FeedSdkAsync();
        await sdk.ListChangesAsync();
        await using (var db = new SqliteConnection($"Data Source={_api.DatabasePath}"))
            await db.ExecuteAsync("UPDATE change_events SET recorded_at = '2020-01-01T00:00:00.0000000Z' WHERE position <= 100");
        await _api.Services.GetRequiredService<ChangeFeedRetention>().PruneAsync(default);

        var gone = () => sdk.ListChangesAsync(after: 5);
        var fromTheEdge = await sdk.ListChangesAsync(after: 100, limit: 1);

        var problem = (await gone.Should().ThrowAsync<RegistryProblemException>()).Which;
        problem.StatusCode.Should().Be(410);
        problem.Detail.Should().Contain("snapshot");
        fromTheEdge.Events.Single().Position.Should().Be(101);
    }

    [Fact]
    public async Task Reading_the_feed_needs_the_changes_scope_or_a_registrar()
    {
        var anonymous = await _api.CreateClient().GetAsync("/v1/changes");
        var representative = await _api.HttpAsAsync("representative", "representative-feed-test");
        var registrar = await _api.HttpAsAsync("registrar", "registrar-feed-test");
        var reader = await _api.FeedHttpAsync();

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await representative.GetAsync("/v1/changes")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await registrar.GetAsync("/v1/changes")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync("/v1/changes")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync("/v1/changes/checksums")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _api.CreateClient().GetAsync("/v1/changes/checksums")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> RenameFirstAssociationAsync(string name)
    {
        var db = _api.Services.GetRequiredService<Database>();
        return await db.WriteAsync(async (c, tx, _) =>
        {
            var (id, number) = await c.QueryFirstAsync<(long, string)>("SELECT id, registry_number FROM associations ORDER BY id", transaction: tx);
            await c.ExecuteAsync("UPDATE associations SET name_fr = @Name WHERE id = @Id", new { Name = name, Id = id }, tx);
            await AssociationWrites.TouchAsync(c, tx, db.Dialect, id, DateTimeOffset.UtcNow);
            return number;
        }, default);
    }

    private static IEnumerable<string> RegisterColumnNames() => Registry.Api.Features.OpenData.RegisterColumns.All.Select(c => c.Name);

    public void Dispose() => _api.Dispose();
}
