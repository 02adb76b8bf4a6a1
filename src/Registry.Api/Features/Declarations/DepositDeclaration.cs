using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public sealed class DepositInput
{
    /// <summary>The representative attests that the file is complete: the 60-day clock runs from a complete deposit. Must be true.</summary>
    public bool AttestComplete { get; init; }
}

public sealed class DepositDeclarationRequest
{
    public long Id { get; init; }

    /// <summary>The ETag last read.</summary>
    [FromHeader("If-Match", isRequired: false, removeFromSchema: true)]
    public string? IfMatch { get; init; }

    /// <summary>Optional: a retry with the same key returns the first answer instead of 412.</summary>
    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public DepositInput Deposit { get; init; } = new();
}

public sealed class DepositDeclaration(Database db, Idempotency idempotency) : Endpoint<DepositDeclarationRequest, Declaration>
{
    public override void Configure()
    {
        Post("/v1/declarations/{id}/deposit");
        Roles(RegistryRoles.Representative, RegistryRoles.Machine);
        Options(x => x.WithName("depositDeclaration").WithTags("Declarations")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(422).ProducesProblem(428));
        Summary(s =>
        {
            s.Summary = "Deposit a declaration";
            s.Description = "Files the declaration with the local authority: a provisional receipt number and date are issued at once and the 60-day clock starts. A founding deposit puts the association in the register with status deposited. Needs If-Match.";
            s.Params["id"] = "The declaration's id.";
        });
    }

    public override async Task HandleAsync(DepositDeclarationRequest req, CancellationToken ct)
    {
        if (!req.Deposit.AttestComplete)
            ValidationFailures.Add(new ValidationFailure("attestComplete", "Deposit only a complete file, and say so: attestComplete must be true."));
        ThrowIfAnyErrors();
        var version = DeclarationStore.RequireVersion(req.IfMatch);
        var caller = Caller.From(User);
        await idempotency.ExecuteAsync(HttpContext, caller.Subject, req.IdempotencyKey, required: false, $"depositDeclaration:{req.Id}", new { version },
            async (c, tx, now, _) =>
            {
                var row = await DeclarationStore.LoadForActionAsync(c, tx, db.Dialect, req.Id, caller, DeclarationAction.Deposit, version);
                var after = await DeclarationTransitions.DepositAsync(c, tx, db.Dialect, row, caller.Subject, now);
                return new WriteResult(StatusCodes.Status200OK, after.ToResponse(), after.ETag);
            }, ct);
    }
}
