using Dapper;
using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Data;
using Registry.Api.Domain;

namespace Registry.Api.Features.Directory;

public sealed class HistoryEntry
{
    public DateOnly OccurredOn { get; set; }
    /// <summary>deposited, provisional_receipt, definitive_receipt, completion_requested, receipt_withheld, deemed_operating, change_declared, change_registered, public_utility, corrected or dissolved.</summary>
    public string Type { get; set; } = "";
    /// <summary>Receipt number, decree number or judgment reference, when there is one.</summary>
    public string? Reference { get; set; }
    public string? Summary { get; set; }
}

public sealed record AssociationHistory(string RegistryNumber, IReadOnlyList<HistoryEntry> Items);

public sealed class GetAssociationHistory(Database db) : Endpoint<RegistryNumberRequest, Results<Ok<AssociationHistory>, ProblemHttpResult>>
{
    internal static readonly Sql SelectId = new("SELECT id FROM associations WHERE registry_number = @Number");

    internal static readonly Sql Select = new("""
        SELECT occurred_on AS OccurredOn, type AS Type, reference AS Reference, summary AS Summary
        FROM association_history
        WHERE association_id = @Id
        ORDER BY occurred_on, id
        """);

    public override void Configure()
    {
        Get("/v1/associations/{registryNumber}/history");
        AllowAnonymous();
        Options(x => x.WithName("getAssociationHistory").WithTags("Directory")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests));
        Summary(s =>
        {
            s.Summary = "Get the public timeline of an association";
            s.Description = "Deposit, receipts, declared changes, public utility and dissolution, oldest first, each with its date and reference.";
            s.Params["registryNumber"] = "Registry number, e.g. 1000042-85 (the hyphen may be left out).";
        });
    }

    public override async Task<Results<Ok<AssociationHistory>, ProblemHttpResult>> ExecuteAsync(RegistryNumberRequest req, CancellationToken ct)
    {
        if (RegistryLookup.Check(req.RegistryNumber) is { } problem) return problem;
        RegistryNumber.Check(req.RegistryNumber, out var number);
        var entries = await db.ReadAsync(async (c, _) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(db.Sql(SelectId), new { Number = number!.Value.ToString() });
            return id is null ? null : (await c.QueryAsync<HistoryEntry>(db.Sql(Select), new { Id = id })).AsList();
        }, ct);
        if (entries is null) return RegistryLookup.NotRegistered(number!.Value);
        HttpContext.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new AssociationHistory(number!.Value.ToString(), entries));
    }
}
