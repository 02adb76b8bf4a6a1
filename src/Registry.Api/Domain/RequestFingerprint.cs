using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Domain;

/// <summary>
/// What an Idempotency-Key is bound to: the operation and the request body, as SHA-256 hex. The body is compared as
/// JSON (property order and whitespace do not matter; values do), so a client that re-serialises the same request
/// is recognised as retrying it.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(string operation, string? jsonBody)
    {
        var canonical = string.IsNullOrWhiteSpace(jsonBody) ? "" : Canonical(JsonNode.Parse(jsonBody));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + canonical));
        return Convert.ToHexStringLower(bytes);
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };
}
