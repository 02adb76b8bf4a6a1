using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Registrar;

public sealed class Correction
{
    /// <summary>nameFr, nameAr, nameZgh, acronym, object, seatAddress, commune, contactEmail, contactPhone or website.</summary>
    public string Field { get; init; } = "";
    public string Value { get; init; } = "";
    /// <summary>Why the record was wrong: kept in the audit log.</summary>
    public string Reason { get; init; } = "";
}

public sealed class CorrectAssociationRequest
{
    public string RegistryNumber { get; init; } = "";

    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public Correction Correction { get; init; } = new();
}

public sealed class CorrectAssociation(Database db, Idempotency idempotency) : Endpoint<CorrectAssociationRequest, AssociationRecord>
{
    private static readonly Dictionary<string, Func<string, AssociationChange>> Fields = new()
    {
        ["nameFr"] = v => new() { NameFr = v },
        ["nameAr"] = v => new() { NameAr = v },
        ["nameZgh"] = v => new() { NameZgh = v },
        ["acronym"] = v => new() { Acronym = v },
        ["object"] = v => new() { Object = v },
        ["seatAddress"] = v => new() { SeatAddress = v },
        ["commune"] = v => new() { Commune = v },
        ["contactEmail"] = v => new() { ContactEmail = v },
        ["contactPhone"] = v => new() { ContactPhone = v },
        ["website"] = v => new() { Website = v },
    };

    public override void Configure()
    {
        Post("/v1/associations/{registryNumber}/corrections");
        Roles(RegistryRoles.Registrar);
        Options(x => x.WithName("correctAssociation").WithTags("Registrar")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422));
        Summary(s =>
        {
            s.Summary = "Correct a public field of an association's record";
            s.Description = "Registrar only, with a reason (kept in the audit log; the public history says which field was corrected). Needs an Idempotency-Key header.";
            s.Params["registryNumber"] = "The association's registry number, e.g. 1000042-85.";
        });
    }

    public override async Task HandleAsync(CorrectAssociationRequest req, CancellationToken ct)
    {
        var correction = req.Correction ?? new();
        if (!Fields.TryGetValue(correction.Field ?? "", out var change))
            ValidationFailures.Add(new ValidationFailure("field", $"Field must be one of: {string.Join(", ", Fields.Keys)}."));
        var max = Declarations.DeclarationValidation.MaxLengths.GetValueOrDefault(correction.Field ?? "", 4000);
        if (string.IsNullOrWhiteSpace(correction.Value) || correction.Value.Length > max)
            ValidationFailures.Add(new ValidationFailure("value", $"The corrected value is required (at most {max} characters)."));
        if (string.IsNullOrWhiteSpace(correction.Reason) || correction.Reason.Length > 2000)
            ValidationFailures.Add(new ValidationFailure("reason", "A reason is required (at most 2,000 characters)."));
        ThrowIfAnyErrors();

        await RegistrarStore.ChangeAsync(idempotency, HttpContext, db, Caller.From(User).Subject, req.IdempotencyKey, "correctAssociation",
            req.RegistryNumber, correction, "association.correction", correction.Reason, r => new { correction.Field, Value = FieldValue(r, correction.Field!) },
            async (c, tx, before, now) =>
            {
                await AssociationUpdates.ApplyAsync(c, tx, db.Dialect, before.Id, change!(correction.Value.Trim()), now);
                await AssociationWrites.AppendHistoryAsync(c, tx, db.Dialect, before.Id, DateOnly.FromDateTime(now.UtcDateTime), HistoryEventType.Corrected,
                    null, $"Field {correction.Field} corrected.", now);
            }, ct);
    }

    private static string? FieldValue(AssociationRow row, string field) => field switch
    {
        "nameFr" => row.NameFr, "nameAr" => row.NameAr, "nameZgh" => row.NameZgh, "acronym" => row.Acronym, "object" => row.Object,
        "seatAddress" => row.SeatAddress, "commune" => row.Commune, "contactEmail" => row.ContactEmail, "contactPhone" => row.ContactPhone,
        _ => row.Website,
    };
}
