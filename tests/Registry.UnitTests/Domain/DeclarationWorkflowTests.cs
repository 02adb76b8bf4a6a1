using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class DeclarationWorkflowTests
{
    private static readonly WorkflowActor Filer = new(RegistryRoles.Representative, IsFiler: true, IsCompetent: false);
    private static readonly WorkflowActor OtherRepresentative = new(RegistryRoles.Representative, IsFiler: false, IsCompetent: false);
    private static readonly WorkflowActor LocalAgent = new(RegistryRoles.Agent, IsFiler: false, IsCompetent: true);
    private static readonly WorkflowActor ForeignAgent = new(RegistryRoles.Agent, IsFiler: false, IsCompetent: false);
    private static readonly WorkflowActor AgentWhoFiled = new(RegistryRoles.Agent, IsFiler: true, IsCompetent: true);
    private static readonly WorkflowActor Registrar = new(RegistryRoles.Registrar, IsFiler: false, IsCompetent: false);
    private static readonly WorkflowActor MachineFiler = new(RegistryRoles.Machine, IsFiler: true, IsCompetent: false);

    public static TheoryData<DeclarationAction, string, string> AllowedTransitions() => new()
    {
        { DeclarationAction.Edit, DeclarationStatus.Draft, DeclarationStatus.Draft },
        { DeclarationAction.Edit, DeclarationStatus.CompletionRequested, DeclarationStatus.CompletionRequested },
        { DeclarationAction.Deposit, DeclarationStatus.Draft, DeclarationStatus.Deposited },
        { DeclarationAction.Deposit, DeclarationStatus.CompletionRequested, DeclarationStatus.Deposited },
        { DeclarationAction.IssueReceipt, DeclarationStatus.Deposited, DeclarationStatus.ReceiptIssued },
        { DeclarationAction.IssueReceipt, DeclarationStatus.ReceiptWithheld, DeclarationStatus.ReceiptIssued },
        { DeclarationAction.IssueReceipt, DeclarationStatus.DeemedOperating, DeclarationStatus.ReceiptIssued },
        { DeclarationAction.RequestCompletion, DeclarationStatus.Deposited, DeclarationStatus.CompletionRequested },
        { DeclarationAction.Withhold, DeclarationStatus.Deposited, DeclarationStatus.ReceiptWithheld },
        { DeclarationAction.DeemOperating, DeclarationStatus.Deposited, DeclarationStatus.DeemedOperating },
    };

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void The_right_actor_moves_the_declaration_to_its_next_status(DeclarationAction action, string from, string to)
    {
        var actor = action switch
        {
            DeclarationAction.Edit or DeclarationAction.Deposit => Filer,
            DeclarationAction.DeemOperating => WorkflowActor.Clock,
            _ => LocalAgent,
        };

        DeclarationWorkflow.Check(action, from, actor).Should().Be(WorkflowVerdict.Allowed);
        DeclarationWorkflow.Target(action, from).Should().Be(to);
    }

    [Fact]
    public void Every_other_status_is_the_wrong_state()
    {
        foreach (var action in Enum.GetValues<DeclarationAction>())
        foreach (var status in DeclarationStatus.All.Except(DeclarationWorkflow.AllowedFrom(action)))
        {
            var actor = action switch
            {
                DeclarationAction.Edit or DeclarationAction.Deposit => Filer,
                DeclarationAction.DeemOperating => WorkflowActor.Clock,
                _ => LocalAgent,
            };
            DeclarationWorkflow.Check(action, status, actor).Should().Be(WorkflowVerdict.WrongState, $"{action} from {status}");
        }
    }

    [Theory]
    [InlineData(DeclarationAction.Edit)]
    [InlineData(DeclarationAction.Deposit)]
    public void Only_the_filer_edits_and_deposits(DeclarationAction action)
    {
        DeclarationWorkflow.Check(action, DeclarationStatus.Draft, MachineFiler).Should().Be(WorkflowVerdict.Allowed);
        foreach (var actor in new[] { OtherRepresentative, LocalAgent, Registrar, WorkflowActor.Clock })
            DeclarationWorkflow.Check(action, DeclarationStatus.Draft, actor).Should().Be(WorkflowVerdict.Forbidden);
    }

    [Theory]
    [InlineData(DeclarationAction.IssueReceipt)]
    [InlineData(DeclarationAction.RequestCompletion)]
    [InlineData(DeclarationAction.Withhold)]
    public void Only_an_agent_of_the_territory_who_did_not_file_it_decides(DeclarationAction action)
    {
        foreach (var actor in new[] { Filer, ForeignAgent, AgentWhoFiled, Registrar, MachineFiler, WorkflowActor.Clock })
            DeclarationWorkflow.Check(action, DeclarationStatus.Deposited, actor).Should().Be(WorkflowVerdict.Forbidden, actor.ToString());
    }

    [Fact]
    public void Only_the_clock_deems_a_declaration_operating()
    {
        foreach (var actor in new[] { Filer, LocalAgent, Registrar })
            DeclarationWorkflow.Check(DeclarationAction.DeemOperating, DeclarationStatus.Deposited, actor).Should().Be(WorkflowVerdict.Forbidden);
    }
}
