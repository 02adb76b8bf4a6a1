using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Registrar;

public sealed class ForeignFundingInput
{
    public DateOnly ReceivedOn { get; init; }
    public decimal Amount { get; init; }
    /// <summary>ISO 4217 code, e.g. EUR.</summary>
    public string Currency { get; init; } = "";
    /// <summary>ISO 3166-1 alpha-2 code of the country the funds come from, e.g. FR.</summary>
    public string OriginCountry { get; init; } = "";
    /// <summary>The donor organisation.</summary>
    public string Donor { get; init; } = "";
}

public sealed class ForeignFunding
{
    public required long Id { get; init; }
    public required string RegistryNumber { get; init; }
    public required DateOnly ReceivedOn { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required string OriginCountry { get; init; }
    public required string Donor { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

public sealed class RecordForeignFundingRequest
{
    public string RegistryNumber { get; init; } = "";

    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public ForeignFundingInput Funding { get; init; } = new();
}

public sealed partial class RecordForeignFunding(Database db, Idempotency idempotency) : Endpoint<RecordForeignFundingRequest, ForeignFunding>
{
    internal static readonly Sql Insert = new("""
        INSERT INTO foreign_fundings (association_id, received_on, amount, currency, origin_country, donor, recorded_by, recorded_at)
        {output id}
        VALUES (@AssociationId, @ReceivedOn, @Amount, @Currency, @OriginCountry, @Donor, @RecordedBy, @Now)
        {returning id}
        """);

    public override void Configure()
    {
        Post("/v1/associations/{registryNumber}/foreign-fundings");
        Roles(RegistryRoles.Registrar);
        Options(x => x.WithName("recordForeignFunding").WithTags("Registrar")
            .ClearDefaultProduces(200).Produces<ForeignFunding>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422));
        Summary(s =>
        {
            s.Summary = "Record a foreign-funding declaration";
            s.Description = "Registrar only: funding received from abroad, as declared to the Secretariat General of the Government (date, amount, currency, origin country, donor). Needs an Idempotency-Key header.";
            s.Params["registryNumber"] = "The association's registry number, e.g. 1000042-85.";
        });
    }

    public override async Task HandleAsync(RecordForeignFundingRequest req, CancellationToken ct)
    {
        var f = req.Funding ?? new();
        if (f.ReceivedOn == default) ValidationFailures.Add(new ValidationFailure("receivedOn", "The date the funds were received is required."));
        if (f.Amount <= 0 || f.Amount >= 10_000_000_000_000m) ValidationFailures.Add(new ValidationFailure("amount", "The amount must be positive."));
        if (!Currency().IsMatch(f.Currency ?? "")) ValidationFailures.Add(new ValidationFailure("currency", "The currency is an ISO 4217 code, e.g. EUR."));
        if (!Country().IsMatch(f.OriginCountry ?? "")) ValidationFailures.Add(new ValidationFailure("originCountry", "The origin country is an ISO 3166-1 alpha-2 code, e.g. FR."));
        if (string.IsNullOrWhiteSpace(f.Donor) || f.Donor.Length > 400) ValidationFailures.Add(new ValidationFailure("donor", "The donor is required (at most 400 characters)."));
        ThrowIfAnyErrors();

        var caller = Caller.From(User);
        await idempotency.ExecuteAsync(HttpContext, caller.Subject, req.IdempotencyKey, required: true, $"recordForeignFunding:{RegistrarStore.Normalise(req.RegistryNumber)}", f,
            async (c, tx, now, _) =>
            {
                var association = await RegistrarStore.LoadAsync(c, tx, db.Dialect, req.RegistryNumber);
                var id = await c.ExecuteScalarAsync<long>(db.Sql(Insert), new
                {
                    AssociationId = association.Id, f.ReceivedOn, Amount = Math.Round(f.Amount, 2), f.Currency, f.OriginCountry, Donor = f.Donor.Trim(),
                    RecordedBy = caller.Subject, Now = now,
                }, tx);
                var funding = new ForeignFunding
                {
                    Id = id, RegistryNumber = association.RegistryNumber, ReceivedOn = f.ReceivedOn, Amount = Math.Round(f.Amount, 2),
                    Currency = f.Currency!, OriginCountry = f.OriginCountry!, Donor = f.Donor.Trim(), RecordedAt = now,
                };
                await AuditLog.AppendAsync(c, tx, db.Dialect, caller.Subject, "association.foreign_funding", "association", association.RegistryNumber,
                    null, null, funding, now);
                return new WriteResult(StatusCodes.Status201Created, funding);
            }, ct);
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}
