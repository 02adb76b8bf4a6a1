using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Data;
using Registry.Api.Features.Associations;
using Registry.Client;
using Registry.IntegrationTests.Features.Declarations;
using Registry.IntegrationTests.Features.OpenData;
using Registry.Sync;

namespace Registry.IntegrationTests.Sync;

public sealed class SyncToolTests : IDisposable
{
    private readonly RegistryApiFactory _api = new();
    private readonly string _mirrorPath = Path.Combine(Path.GetTempPath(), $"registry-mirror-{Guid.NewGuid():N}.db");

    private async Task<IRegistryApiClient> ClientAsync()
    {
        var key = await _api.ChangeFeedKeyAsync();
        var services = new ServiceCollection();
        services.AddRegistryClient(o =>
            {
                o.BaseAddress = new Uri("http://localhost");
                o.ApiKey = key;
            })
            .ConfigurePrimaryHttpMessageHandler(() => _api.Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IRegistryApiClient>();
    }

    [Fact]
    public async Task A_follower_killed_mid_batch_resumes_with_nothing_lost_or_applied_twice()
    {
        var api = await ClientAsync();
        await SnapshotFiles.LatestAsync(_api.Sdk());
        using (var mirror = new Mirror(_mirrorPath))
        {
            var loaded = await new SyncEngine(api, mirror).LoadLatestSnapshotAsync(default);
            loaded.Should().Be(2400);
        }

        await ChangeAssociationsAsync(30);
        var founded = await FoundThroughTheWorkflowAsync();

        using (var mirror = new Mirror(_mirrorPath))
        {
            var before = mirror.Position!.Value;
            var applied = 0;
            var killed = new SyncEngine(api, mirror)
            {
                BatchSize = 20,
                BeforeApply = _ => { if (++applied == 27) throw new OperationCanceledException("killed mid-batch"); },
            };
            var run = () => killed.FollowAsync(default, until: before + 60);
            await run.Should().ThrowAsync<OperationCanceledException>();
            mirror.Position.Should().Be(before + 20, "the first batch of 20 committed with its position; the second died whole");
        }

        using (var mirror = new Mirror(_mirrorPath))
        {
            var result = await new SyncEngine(api, mirror).VerifyAsync(default);

            result.Identical.Should().BeTrue(string.Join("; ", result.Regions.Where(r => !r.Same)));
            result.Regions.Sum(r => r.MirrorCount).Should().Be(2403);
            mirror.Position.Should().Be(result.Position);
            var copy = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(
                Dapper.SqlMapper.ExecuteScalar<string>(new SqliteConnection($"Data Source={_mirrorPath};Pooling=False"),
                    "SELECT record FROM associations WHERE registry_number = @Number", new { Number = founded.RegistryNumber })!)!;
            copy["status"].Should().Be("registered");
            copy["definitive_receipt_number"].Should().Be(founded.DefinitiveReceiptNumber);
            copy["name_fr"].Should().Be(founded.NameFr);
        }
    }

    [Fact]
    public async Task Verify_notices_a_mirror_that_was_tampered_with()
    {
        var api = await ClientAsync();
        await SnapshotFiles.LatestAsync(_api.Sdk());
        using var mirror = new Mirror(_mirrorPath);
        await new SyncEngine(api, mirror).LoadLatestSnapshotAsync(default);
        await using (var db = new SqliteConnection($"Data Source={_mirrorPath};Pooling=False"))
            await db.ExecuteAsync("UPDATE associations SET record = replace(record, 'association', 'club') WHERE registry_number = (SELECT MIN(registry_number) FROM associations)");

        var result = await new SyncEngine(api, mirror).VerifyAsync(default);

        result.Identical.Should().BeFalse();
        result.Regions.Count(r => !r.Same).Should().Be(1);
    }

    /// <summary>A founding declaration filed, deposited and given its definitive receipt through the SDK, as the roles do.</summary>
    private async Task<PublicAssociation> FoundThroughTheWorkflowAsync()
    {
        var representative = new RegistryApiClient(await _api.HttpAsAsync("representative", "rep-sync"));
        var agent = new RegistryApiClient(await _api.HttpAsAsync("agent", "agent-sync", Declarations.Casablanca));
        var draft = await representative.CreateDeclarationAsync(Declarations.Founding(name: "Association Miroir Fidèle"), Declarations.NewKey());
        var deposited = await representative.DepositDeclarationAsync(draft.Id, Declarations.Attest, draft.Etag, Declarations.NewKey());
        await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "issue_receipt" }, deposited.Etag, Declarations.NewKey());
        return await _api.Sdk().GetAssociationAsync(deposited.RegistryNumber!);
    }

    /// <summary>Renames some associations and adds two, as the workflow would: every change through AssociationWrites.</summary>
    private async Task ChangeAssociationsAsync(int renames)
    {
        var db = _api.Services.GetRequiredService<Database>();
        for (var i = 1; i <= renames; i++)
        {
            await db.WriteAsync(async (c, tx, _) =>
            {
                await c.ExecuteAsync("UPDATE associations SET name_fr = @Name WHERE id = @Id", new { Name = $"Association renommée {i}", Id = i * 7 }, tx);
                await AssociationWrites.TouchAsync(c, tx, db.Dialect, i * 7, DateTimeOffset.UtcNow);
                return 0;
            }, default);
        }
        await db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, db.Dialect, [NewOne("Nouvelle association A"), NewOne("Nouvelle association B")], DateTimeOffset.UtcNow), default);
    }

    private static NewAssociation NewOne(string name) => new()
    {
        Kind = "association", Scope = "local", Status = "deposited", NameFr = name, NameAr = "جمعية جديدة", Object = "Objet.",
        SeatAddress = "1, Rue Test", Commune = "Rabat", ProvinceCode = "04.421", RegionCode = "04", FoundedOn = new DateOnly(2026, 11, 30),
    };

    public void Dispose()
    {
        _api.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_mirrorPath + suffix);
    }
}
