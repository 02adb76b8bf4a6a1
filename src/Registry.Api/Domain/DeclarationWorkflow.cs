namespace Registry.Api.Domain;

public enum DeclarationAction { Edit, Deposit, IssueReceipt, RequestCompletion, Withhold, DeemOperating }

public enum WorkflowVerdict { Allowed, Forbidden, WrongState }

/// <summary>Who is acting on a declaration, as the state machine needs to know it.</summary>
/// <param name="Role">One of <see cref="RegistryRoles"/>, or null for the registry itself (the 60-day clock).</param>
/// <param name="IsFiler">The actor filed this declaration (the representative, or the machine client that submitted it).</param>
/// <param name="IsCompetent">The actor is the authority of the declaration's territory (an agent of its province).</param>
public readonly record struct WorkflowActor(string? Role, bool IsFiler, bool IsCompetent)
{
    public static readonly WorkflowActor Clock = new(null, false, false);
}

/// <summary>
/// The declaration's life under Dahir 1-58-376: the representative prepares and deposits; the local authority of the
/// territory issues the definitive receipt, asks for completion or withholds it; the clock deems it operating after 60 days.
/// </summary>
public static class DeclarationWorkflow
{
    private static readonly Dictionary<DeclarationAction, (string[] From, string To)> Transitions = new()
    {
        [DeclarationAction.Edit] = ([DeclarationStatus.Draft, DeclarationStatus.CompletionRequested], ""),
        [DeclarationAction.Deposit] = ([DeclarationStatus.Draft, DeclarationStatus.CompletionRequested], DeclarationStatus.Deposited),
        // A late receipt is still a receipt: the authority may issue it after withholding or after the 60 days.
        [DeclarationAction.IssueReceipt] = ([DeclarationStatus.Deposited, DeclarationStatus.ReceiptWithheld, DeclarationStatus.DeemedOperating], DeclarationStatus.ReceiptIssued),
        [DeclarationAction.RequestCompletion] = ([DeclarationStatus.Deposited], DeclarationStatus.CompletionRequested),
        [DeclarationAction.Withhold] = ([DeclarationStatus.Deposited], DeclarationStatus.ReceiptWithheld),
        [DeclarationAction.DeemOperating] = ([DeclarationStatus.Deposited], DeclarationStatus.DeemedOperating),
    };

    public static WorkflowVerdict Check(DeclarationAction action, string status, WorkflowActor actor)
    {
        if (!MayAct(action, actor)) return WorkflowVerdict.Forbidden;
        return AllowedFrom(action).Contains(status) ? WorkflowVerdict.Allowed : WorkflowVerdict.WrongState;
    }

    /// <summary>The status after the action; <see cref="DeclarationAction.Edit"/> keeps the status.</summary>
    public static string Target(DeclarationAction action, string status) =>
        Transitions[action].To is "" ? status : Transitions[action].To;

    public static IReadOnlyList<string> AllowedFrom(DeclarationAction action) => Transitions[action].From;

    private static bool MayAct(DeclarationAction action, WorkflowActor actor) => action switch
    {
        DeclarationAction.Edit or DeclarationAction.Deposit =>
            actor.IsFiler && actor.Role is RegistryRoles.Representative or RegistryRoles.Machine,
        // Nobody decides on a declaration they filed.
        DeclarationAction.IssueReceipt or DeclarationAction.RequestCompletion or DeclarationAction.Withhold =>
            actor.Role == RegistryRoles.Agent && actor.IsCompetent && !actor.IsFiler,
        DeclarationAction.DeemOperating => actor.Role is null,
        _ => false,
    };
}
