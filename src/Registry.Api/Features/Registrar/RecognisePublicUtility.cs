using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Registrar;

public sealed class PublicUtilityDecree
{
    /// <summary>Number of the decree granting public utility (decree 2-04-969 of 2005), e.g. 2-21-345.</summary>
    public string DecreeNumber { get; init; } = "";
    public DateOnly DecreeDate { get; init; }
}

public sealed class RecognisePublicUtilityRequest
{
    public string RegistryNumber { get; init; } = "";

    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public PublicUtilityDecree Decree { get; init; } = new();
}

public sealed class RecognisePublicUtility(Database db, Idempotency idempotency) : Endpoint<RecognisePublicUtilityRequest, AssociationRecord>
{
    public override void Configure()
    {
        Post("/v1/associations/{registryNumber}/public-utility");
        Roles(RegistryRoles.Registrar);
        Options(x => x.WithName("recognisePublicUtility").WithTags("Registrar")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422));
        Summary(s =>
        {
            s.Summary = "Record a public-utility recognition";
            s.Description = "Registrar only: the decree number and date. Needs an Idempotency-Key header.";
            s.Params["registryNumber"] = "The association's registry number, e.g. 1000042-85.";
        });
    }

    public override async Task HandleAsync(RecognisePublicUtilityRequest req, CancellationToken ct)
    {
        var decree = req.Decree ?? new();
        if (string.IsNullOrWhiteSpace(decree.DecreeNumber) || decree.DecreeNumber.Length > 40)
            ValidationFailures.Add(new ValidationFailure("decreeNumber", "The decree number is required (at most 40 characters)."));
        if (decree.DecreeDate == default) ValidationFailures.Add(new ValidationFailure("decreeDate", "The decree date is required."));
        ThrowIfAnyErrors();

        await RegistrarStore.ChangeAsync(idempotency, HttpContext, db, Caller.From(User).Subject, req.IdempotencyKey, "recognisePublicUtility",
            req.RegistryNumber, decree, "association.public_utility", null, r => r.ToRecord(),
            async (c, tx, before, now) =>
            {
                RegistrarStore.RequireNotDissolved(before);
                await AssociationUpdates.SetPublicUtilityAsync(c, tx, db.Dialect, before.Id, decree.DecreeNumber.Trim(), decree.DecreeDate, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, db.Dialect, before.Id, decree.DecreeDate, HistoryEventType.PublicUtility, decree.DecreeNumber.Trim(), null, now);
            }, ct);
    }
}
