using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReceiptClock = Registry.Api.Features.Declarations.ReceiptClock;
using Registry.Client;
using static Registry.IntegrationTests.Features.Declarations.Declarations;

namespace Registry.IntegrationTests.Features.Declarations;

/// <summary>The 60-day rule, on a clock the test moves: its own API and database, since moving time affects everything in it.</summary>
public sealed class ReceiptClockTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task Sixty_days_after_a_complete_deposit_without_receipt_the_association_is_deemed_operating()
    {
        var representative = await api.As("representative", "rep-clock");
        var draft = await representative.CreateDeclarationAsync(Founding(name: "Association du Temps Qui Passe"), NewKey());
        var deposited = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag);
        var sentBackDraft = await representative.CreateDeclarationAsync(Founding(name: "Association Incomplète"), NewKey());
        var sentBack = await representative.DepositDeclarationAsync(sentBackDraft.Id, Attest, sentBackDraft.Etag);
        var agent = await api.As("agent", "agent-clock", Casablanca);
        await agent.DecideDeclarationAsync(sentBack.Id, new DecisionInput { Decision = "request_completion", Reason = "Procès-verbal manquant." }, sentBack.Etag);

        api.Clock.Advance(TimeSpan.FromDays(59));
        representative = await api.As("representative", "rep-clock"); // tokens live 8 hours of the registry's clock
        (await api.Services.GetRequiredService<ReceiptClock>().RunOnceAsync(default)).Should().Be(0);
        (await Status(representative, draft.Id)).Should().Be("deposited");

        // The hosted job wakes on the registry's clock: moving it past the deadline is enough, nobody waits 60 days.
        api.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        representative = await api.As("representative", "rep-clock");
        agent = await api.As("agent", "agent-clock", Casablanca);
        var status = "deposited";
        for (var i = 0; i < 400 && status == "deposited"; i++)
        {
            await Task.Yield();
            status = await Status(representative, draft.Id);
            if (status == "deposited") await Task.Delay(25);
        }
        status.Should().Be("deemed_operating");
        (await Status(representative, sentBack.Id)).Should().Be("completion_requested", "the clock stops while completion is requested");

        var association = await api.Database.ReadAsync((c, _) => c.QuerySingleAsync<(string Status, long Version)>(
            "SELECT status, version FROM associations WHERE registry_number = @n", new { n = deposited.RegistryNumber }), default);
        association.Status.Should().Be("deemed_operating");
        association.Version.Should().BeGreaterThan(1);
        var history = await api.Database.ReadAsync(async (c, _) => (await c.QueryAsync<string>(
            "SELECT h.type FROM association_history h JOIN associations a ON a.id = h.association_id WHERE a.registry_number = @n ORDER BY h.id",
            new { n = deposited.RegistryNumber })).AsList(), default);
        history.Should().EndWith("deemed_operating");
        var audit = await api.Database.ReadAsync((c, _) => c.ExecuteScalarAsync<string>(
            "SELECT actor FROM audit_log WHERE entity_id = @id AND action = 'declaration.deemed_operating'", new { id = draft.Id.ToString() }), default);
        audit.Should().Be("registry:receipt-clock");

        (await api.Services.GetRequiredService<ReceiptClock>().RunOnceAsync(default)).Should().Be(0, "a deemed declaration is deemed once");
        var late = await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "issue_receipt" }, (await representative.GetDeclarationAsync(draft.Id)).Etag);
        late.Status.Should().Be("receipt_issued", "the authority may still issue a late definitive receipt");
    }

    [Fact]
    public async Task Two_receipt_clocks_running_at_once_deem_each_declaration_once()
    {
        var representative = await api.As("representative", "rep-clock-2");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var d = await representative.CreateDeclarationAsync(Founding(name: $"Association Parallèle {i}"), NewKey());
            ids.Add((await representative.DepositDeclarationAsync(d.Id, Attest, d.Etag)).Id);
        }
        api.Clock.Advance(TimeSpan.FromDays(61));
        representative = await api.As("representative", "rep-clock-2");
        var clock = api.Services.GetRequiredService<ReceiptClock>();

        var runs = await Task.WhenAll(clock.RunOnceAsync(default), clock.RunOnceAsync(default), clock.RunOnceAsync(default));

        var audits = await api.Database.ReadAsync((c, _) => c.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM audit_log WHERE action = 'declaration.deemed_operating' AND entity_id IN ({string.Join(",", ids.Select(i => $"'{i}'"))})"), default);
        audits.Should().Be(5);
        foreach (var id in ids) (await Status(representative, id)).Should().Be("deemed_operating");
        var (entries, declarations) = await api.Database.ReadAsync((c, _) => c.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COUNT(DISTINCT entity_id) FROM audit_log WHERE action = 'declaration.deemed_operating'"), default);
        entries.Should().Be(declarations, "no declaration is deemed twice, whichever run (or the hosted job) got it");
        runs.Sum().Should().BeLessThanOrEqualTo((int)declarations);
    }

    private static async Task<string> Status(RegistryApiClient client, long id) => (await client.GetDeclarationAsync(id)).Status;
}
