using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Api.Web;

/// <summary>The API's JSON, for answers written by hand (replayed idempotent responses) as FastEndpoints writes the others.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
