using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Registrar;

public sealed class Judgment
{
    /// <summary>Reference of the judgment of the court of first instance.</summary>
    public string JudgmentReference { get; init; } = "";
    public DateOnly JudgmentDate { get; init; }
    /// <summary>The court, e.g. Tribunal de première instance de Casablanca.</summary>
    public string? Court { get; init; }
}

public sealed class DissolveJudiciallyRequest
{
    public string RegistryNumber { get; init; } = "";

    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public Judgment Judgment { get; init; } = new();
}

public sealed class DissolveJudicially(Database db, Idempotency idempotency) : Endpoint<DissolveJudiciallyRequest, AssociationRecord>
{
    public override void Configure()
    {
        Post("/v1/associations/{registryNumber}/judicial-dissolution");
        Roles(RegistryRoles.Registrar);
        Options(x => x.WithName("dissolveJudicially").WithTags("Registrar")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422));
        Summary(s =>
        {
            s.Summary = "Record a judicial dissolution";
            s.Description = "Registrar only: only a court dissolves an association against its will. Judgment reference and date. Needs an Idempotency-Key header.";
            s.Params["registryNumber"] = "The association's registry number, e.g. 1000042-85.";
        });
    }

    public override async Task HandleAsync(DissolveJudiciallyRequest req, CancellationToken ct)
    {
        var judgment = req.Judgment ?? new();
        if (string.IsNullOrWhiteSpace(judgment.JudgmentReference) || judgment.JudgmentReference.Length > 100)
            ValidationFailures.Add(new ValidationFailure("judgmentReference", "The judgment reference is required (at most 100 characters)."));
        if (judgment.JudgmentDate == default) ValidationFailures.Add(new ValidationFailure("judgmentDate", "The judgment date is required."));
        ThrowIfAnyErrors();

        await RegistrarStore.ChangeAsync(idempotency, HttpContext, db, Caller.From(User).Subject, req.IdempotencyKey, "dissolveJudicially",
            req.RegistryNumber, judgment, "association.judicial_dissolution", judgment.JudgmentReference, r => r.ToRecord(),
            async (c, tx, before, now) =>
            {
                RegistrarStore.RequireNotDissolved(before);
                await AssociationUpdates.DissolveAsync(c, tx, db.Dialect, before.Id, judgment.JudgmentDate, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, db.Dialect, before.Id, judgment.JudgmentDate, HistoryEventType.Dissolved,
                    judgment.JudgmentReference.Trim(), judgment.Court is { Length: > 0 } court ? $"Judicial dissolution: {court}." : "Judicial dissolution.", now);
            }, ct);
    }
}
