using System.Globalization;
using Dapper;
using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public sealed class CreateDeclarationRequest
{
    /// <summary>A unique value per new declaration (e.g. a UUID): a retry with the same key returns the first answer.</summary>
    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public DeclarationInput Declaration { get; init; } = new();
}

public sealed class CreateDeclaration(Database db, Idempotency idempotency) : Endpoint<CreateDeclarationRequest, Declaration>
{
    public override void Configure()
    {
        Post("/v1/declarations");
        Roles(RegistryRoles.Representative, RegistryRoles.Machine);
        Options(x => x.WithName("createDeclaration").WithTags("Declarations")
            .ClearDefaultProduces(200).Produces<Declaration>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422));
        Summary(s =>
        {
            s.Summary = "Create a declaration (draft)";
            s.Description = "A representative (or a machine client with the declarations:submit:RR.PPP scope) prepares a founding or change declaration. Needs an Idempotency-Key header. Status, receipts and reviewer fields are set by the registry only.";
        });
    }

    public override async Task HandleAsync(CreateDeclarationRequest req, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var input = (req.Declaration ?? new()).Normalised();
        foreach (var (field, message) in DeclarationValidation.Validate(input)) ValidationFailures.Add(new ValidationFailure(field, message));
        ThrowIfAnyErrors();

        await idempotency.ExecuteAsync(HttpContext, caller.Subject, req.IdempotencyKey, required: true, "createDeclaration", input, async (c, tx, now, _) =>
        {
            var (province, associationId) = await DeclarationChecks.TerritoryAsync(c, tx, db.Dialect, caller, input);
            var id = await c.ExecuteScalarAsync<long>(db.Sql(DeclarationStore.Insert), new
            {
                input.Kind, Status = DeclarationStatus.Draft, ProvinceCode = province, AssociationId = associationId,
                FiledBy = caller.Subject, Content = DeclarationChecks.Serialise(input), Now = now,
            }, tx);
            var row = (await DeclarationStore.FindAsync(c, tx, db.Dialect, id))!;
            await AuditLog.AppendAsync(c, tx, db.Dialect, caller.Subject, "declaration.create", "declaration", id.ToString(CultureInfo.InvariantCulture),
                null, null, row.AuditState, now);
            return new WriteResult(StatusCodes.Status201Created, row.ToResponse(), row.ETag);
        }, ct);
    }
}
