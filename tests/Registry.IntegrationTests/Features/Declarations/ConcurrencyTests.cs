using Registry.Client;
using static Registry.IntegrationTests.Features.Declarations.Declarations;

namespace Registry.IntegrationTests.Features.Declarations;

public sealed class ConcurrencyTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task Twenty_concurrent_deposits_get_twenty_different_receipt_and_registry_numbers()
    {
        var filers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.As("representative", $"rep-burst-{i}")));
        var drafts = await Task.WhenAll(filers.Select((f, i) => f.CreateDeclarationAsync(Founding(name: $"Association Simultanée {i}"), NewKey())));

        var deposited = await Task.WhenAll(drafts.Select((d, i) => filers[i].DepositDeclarationAsync(d.Id, Attest, d.Etag)));

        deposited.Should().OnlyContain(d => d.Status == "deposited");
        deposited.Select(d => d.ProvisionalReceiptNumber).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        deposited.Select(d => d.RegistryNumber).Should().OnlyHaveUniqueItems().And.NotContainNulls();
    }

    [Fact]
    public async Task Of_two_agents_deciding_at_once_exactly_one_wins()
    {
        var representative = await api.As("representative", "rep-race");
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());
        var deposited = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag);
        var agents = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => api.As("agent", $"agent-race-{i}", Casablanca)));

        var outcomes = await Task.WhenAll(agents.Select(async (agent, i) =>
        {
            try
            {
                var decision = i % 2 == 0
                    ? new DecisionInput { Decision = "issue_receipt" }
                    : new DecisionInput { Decision = "withhold", Reason = "Dossier contesté." };
                await agent.DecideDeclarationAsync(draft.Id, decision, deposited.Etag);
                return 200;
            }
            catch (RegistryApiException e)
            {
                return e.StatusCode;
            }
        }));

        outcomes.Count(s => s == 200).Should().Be(1);
        outcomes.Where(s => s != 200).Should().OnlyContain(s => s == 412);
        var final = await representative.GetDeclarationAsync(draft.Id);
        final.Version.Should().Be(deposited.Version + 1);
    }
}
