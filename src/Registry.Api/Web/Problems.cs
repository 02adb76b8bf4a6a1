using Microsoft.AspNetCore.Http.HttpResults;

namespace Registry.Api.Web;

/// <summary>RFC 9457 answers with a detail a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status410Gone, title: "Gone",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.11");

    /// <summary>400 with the errors keyed by the name of the parameter at fault.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more parameters are invalid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
        });

    /// <summary>
    /// Validation failures of FastEndpoints' binders and validators, in the same shape as <see cref="Invalid"/>: one
    /// <c>errors</c> object keyed by the camel-cased field or parameter, so clients read every 400 the same way.
    /// </summary>
    public static void UseForValidation(FastEndpoints.ErrorOptions errors)
    {
        errors.ContentType = "application/problem+json";
        errors.ProducesMetadataType = typeof(HttpValidationProblemDetails);
        errors.ResponseBuilder = (failures, context, status) =>
        {
            var byField = failures
                .GroupBy(f => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
            return new HttpValidationProblemDetails(byField)
            {
                Status = status,
                Title = "One or more parameters are invalid.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                Detail = string.Join(" ", byField.SelectMany(e => e.Value)),
                Instance = context.Request.Path,
            };
        };
    }

    /// <summary>400 for one parameter at fault.</summary>
    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        Invalid(new Dictionary<string, string[]> { [parameter] = [detail] });
}
