using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Registry.Api.Web;

/// <summary>
/// A refusal with its RFC 9457 status and a detail a person can act on; thrown from inside a unit of work, it rolls the
/// transaction back. The detail must never carry personal data.
/// </summary>
public sealed class ApiProblem(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    public static ApiProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not Found", detail);
    public static ApiProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static ApiProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
    public static ApiProblem PreconditionFailed(string detail) => new(StatusCodes.Status412PreconditionFailed, "Precondition Failed", detail);
    public static ApiProblem PreconditionRequired(string detail) => new(StatusCodes.Status428PreconditionRequired, "Precondition Required", detail);
    public static ApiProblem Unprocessable(string detail) => new(StatusCodes.Status422UnprocessableEntity, "Unprocessable Content", detail);
    public static ApiProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad Request", detail);
}

public sealed class ApiProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ApiProblem problem) return false;
        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = problem.Status, Title = problem.Title, Detail = problem.Message,
                Type = problem.Status == StatusCodes.Status428PreconditionRequired ? "https://www.rfc-editor.org/rfc/rfc6585#section-3" : null,
            },
        });
    }
}
