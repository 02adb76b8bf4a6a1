namespace Registry.Api.Features.OpenData;

/// <summary>
/// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula (CSV/formula injection,
/// OWASP). Such text cells get a leading apostrophe, which spreadsheets show as text and data tools keep visible.
/// </summary>
public static class CellSafety
{
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
