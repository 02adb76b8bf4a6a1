using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public sealed class DecisionInput
{
    /// <summary>issue_receipt (the definitive receipt), request_completion, or withhold.</summary>
    public string Decision { get; init; } = "";
    /// <summary>The written reason: required to request completion or to withhold the receipt.</summary>
    public string? Reason { get; init; }
}

public sealed class DecideDeclarationRequest
{
    public long Id { get; init; }

    /// <summary>The ETag last read: of two agents deciding at once, only one succeeds.</summary>
    [FromHeader("If-Match", isRequired: false, removeFromSchema: true)]
    public string? IfMatch { get; init; }

    /// <summary>Optional: a retry with the same key returns the first answer.</summary>
    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public DecisionInput Decision { get; init; } = new();
}

public sealed class DecideDeclaration(Database db, Idempotency idempotency) : Endpoint<DecideDeclarationRequest, Declaration>
{
    public static readonly IReadOnlyDictionary<string, DeclarationAction> Decisions = new Dictionary<string, DeclarationAction>
    {
        ["issue_receipt"] = DeclarationAction.IssueReceipt,
        ["request_completion"] = DeclarationAction.RequestCompletion,
        ["withhold"] = DeclarationAction.Withhold,
    };

    public override void Configure()
    {
        Post("/v1/declarations/{id}/decision");
        Roles(RegistryRoles.Agent);
        Options(x => x.WithName("decideDeclaration").WithTags("Declarations")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(422).ProducesProblem(428));
        Summary(s =>
        {
            s.Summary = "Decide on a deposited declaration";
            s.Description = "An agent of the declaration's prefecture or province (who did not file it) issues the definitive receipt, requests completion, or withholds the receipt with a written reason. The public record follows. Needs If-Match.";
            s.Params["id"] = "The declaration's id.";
        });
    }

    public override async Task HandleAsync(DecideDeclarationRequest req, CancellationToken ct)
    {
        var version = DeclarationStore.RequireVersion(req.IfMatch);
        var decision = req.Decision;
        if (!Decisions.TryGetValue(decision.Decision, out var action))
            ValidationFailures.Add(new ValidationFailure("decision", $"Decision must be one of: {string.Join(", ", Decisions.Keys)}."));
        else if (action != DeclarationAction.IssueReceipt && string.IsNullOrWhiteSpace(decision.Reason))
            ValidationFailures.Add(new ValidationFailure("reason", "A written reason is required to request completion or to withhold the receipt."));
        if (decision.Reason is { Length: > 2000 }) ValidationFailures.Add(new ValidationFailure("reason", "The reason is at most 2,000 characters."));
        ThrowIfAnyErrors();

        var caller = Caller.From(User);
        await idempotency.ExecuteAsync(HttpContext, caller.Subject, req.IdempotencyKey, required: false, $"decideDeclaration:{req.Id}", new { version, decision },
            async (c, tx, now, _) =>
            {
                var row = await DeclarationStore.LoadForActionAsync(c, tx, db.Dialect, req.Id, caller, action, version);
                var after = await DeclarationTransitions.DecideAsync(c, tx, db.Dialect, row, action, caller.Subject, decision.Reason, now);
                return new WriteResult(StatusCodes.Status200OK, after.ToResponse(), after.ETag);
            }, ct);
    }
}
