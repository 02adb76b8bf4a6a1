using System.Net.Http.Headers;
using System.Text.Json;

namespace Registry.Client;

/// <summary>
/// An RFC 9457 problem answered by the API: its status, title, detail and, for a 400, the errors per field or parameter.
/// Every non-success answer of the API is one of these.
/// </summary>
public sealed class RegistryProblemException : RegistryApiException
{
    public RegistryProblemException(int status, string? title, string? detail, string? type, IReadOnlyDictionary<string, string[]> errors,
        string response, IReadOnlyDictionary<string, IEnumerable<string>> headers)
        : base(Describe(status, title, detail, errors), status, response, headers, null)
    {
        Title = title;
        Detail = detail;
        Type = type;
        Errors = errors;
    }

    public string? Title { get; }

    public string? Detail { get; }

    public string? Type { get; }

    /// <summary>Field or parameter name → what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The <c>Retry-After</c> delay of a 429 or 503, when the API gave one.</summary>
    public TimeSpan? RetryAfter => Headers.TryGetValue("Retry-After", out var values) && int.TryParse(values.FirstOrDefault(), out var seconds)
        ? TimeSpan.FromSeconds(seconds) : null;

    private static string Describe(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors) =>
        $"{status} {title}: {detail}" + (errors.Count == 0 ? "" : " " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    internal static RegistryProblemException? From(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotModified) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
        // NSwag's response hook is synchronous; problem bodies are small.
        response.Content.LoadIntoBufferAsync().GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => h.Value);
        string? title = null, detail = null, type = null;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            title = Text(root, "title");
            detail = Text(root, "detail");
            type = Text(root, "type");
            if (root.TryGetProperty("errors", out var list))
                Collect(list, errors);
        }
        catch (JsonException)
        {
            detail = body;
        }
        return new RegistryProblemException((int)response.StatusCode, title, detail, type, errors, body, headers);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Both shapes the API may use: <c>[{"name","reason"}]</c> and <c>{"field": ["message"]}</c>.</summary>
    private static void Collect(JsonElement errors, Dictionary<string, string[]> into)
    {
        if (errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in errors.EnumerateArray())
            {
                var name = e.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                var reason = e.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : e.ToString();
                into[name] = [.. into.GetValueOrDefault(name, []), reason];
            }
        }
        else if (errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in errors.EnumerateObject())
                into[p.Name] = p.Value.ValueKind == JsonValueKind.Array ? [.. p.Value.EnumerateArray().Select(v => v.ToString())] : [p.Value.ToString()];
        }
    }
}

public partial class RegistryApiClient
{
    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        if (RegistryProblemException.From(response) is { } problem) throw problem;
    }
}
