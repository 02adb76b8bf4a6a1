using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Registry.Api.Domain;

namespace Registry.Api.Features.Directory;

public enum DirectorySort { Relevance, Name, FoundedOn, UpdatedAt }

/// <summary>Where the previous page stopped: the last row's sort key and id.</summary>
public sealed record DirectoryCursor(string Key, long Id);

/// <summary>A validated search of the directory.</summary>
public sealed record DirectoryQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 200;
    public const int MaxQueryTerms = 8;

    public string? Q { get; init; }
    public IReadOnlyList<string> Terms { get; init; } = [];
    public string NameKey { get; init; } = "";
    public string? Region { get; init; }
    public string? Province { get; init; }
    public string? Domain { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public bool? PublicUtility { get; init; }
    public DateOnly? FoundedFrom { get; init; }
    public DateOnly? FoundedTo { get; init; }
    public DateTimeOffset? UpdatedSince { get; init; }
    public DirectorySort Sort { get; init; } = DirectorySort.Name;
    public bool Descending { get; init; }
    public int Limit { get; init; } = DefaultLimit;
    public DirectoryCursor? After { get; init; }

    /// <summary>The sort as the <c>sort</c> parameter spells it.</summary>
    public string SortName => (Descending ? "-" : "") + Sort switch
    {
        DirectorySort.Relevance => "relevance",
        DirectorySort.Name => "name",
        DirectorySort.FoundedOn => "foundedOn",
        _ => "updatedAt",
    };

    /// <summary>Identifies the query (not the page) so that a cursor is only honoured by the query that made it.</summary>
    public string Fingerprint()
    {
        var text = string.Join('\u001F', string.Join(' ', Terms), Region, Province, Domain, Kind, Status, PublicUtility,
            FoundedFrom?.ToString("O", CultureInfo.InvariantCulture), FoundedTo?.ToString("O", CultureInfo.InvariantCulture),
            UpdatedSince?.UtcTicks.ToString(CultureInfo.InvariantCulture), SortName);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6).ToLowerInvariant();
    }

    /// <summary>The opaque cursor for the page after the row with this sort key and id.</summary>
    public string CursorAfter(string key, long id) =>
        Base64Url.Encode($"v1\u001F{Fingerprint()}\u001F{id.ToString(CultureInfo.InvariantCulture)}\u001F{key}");
}

/// <summary>The codes the directory's filters accept, from the reference data.</summary>
public sealed record ReferenceCodeSet(IReadOnlySet<string> Regions, IReadOnlySet<string> Provinces, IReadOnlySet<string> Domains);

/// <summary>Reads the query string of <c>GET /v1/associations</c>. Every problem is reported against the parameter's name.</summary>
public static class DirectoryQueryParser
{
    public static readonly IReadOnlyList<string> Parameters =
        ["q", "region", "province", "domain", "kind", "status", "publicUtility", "foundedFrom", "foundedTo", "updatedSince", "sort", "limit", "cursor"];

    public static DirectoryQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, ReferenceCodeSet codes, IDictionary<string, string[]> errors)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            var canonical = Parameters.FirstOrDefault(p => p.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (canonical is null) continue;
            if (value.Count > 1) { errors[canonical] = [$"Give {canonical} once."]; continue; }
            var text = value.ToString();
            if (text.Any(char.IsControl)) { errors[canonical] = [$"{canonical} contains control characters."]; continue; }
            if (text.Length > 0) values[canonical] = text;
        }
        string? Get(string name) => values.GetValueOrDefault(name);

        var q = Get("q");
        IReadOnlyList<string> terms = [];
        if (q is not null)
        {
            terms = SearchText.Terms(q);
            if (q.Length > DirectoryQuery.MaxQueryLength)
                errors["q"] = [$"q is at most {DirectoryQuery.MaxQueryLength} characters long."];
            else if (terms.Count == 0)
                errors["q"] = ["q has no word of two or more letters or digits to search for."];
            else if (terms.Count > DirectoryQuery.MaxQueryTerms)
                errors["q"] = [$"q has more than {DirectoryQuery.MaxQueryTerms} words."];
        }

        string? Code(string name, IReadOnlySet<string> known, string hint)
        {
            var value = Get(name);
            if (value is null || known.Contains(value)) return value;
            errors[name] = [$"Unknown {name} '{Shorten(value)}'. {hint}"];
            return null;
        }
        var region = Code("region", codes.Regions, "Region codes run from 01 to 12 (GET /v1/regions).");
        var province = Code("province", codes.Provinces, "Province codes look like 06.141 (GET /v1/regions/{code}/provinces).");
        var domain = Code("domain", codes.Domains, "GET /v1/domains lists the domain codes.");
        var kind = Code("kind", AssociationKind.All.ToHashSet(), $"One of: {string.Join(", ", AssociationKind.All)}.");
        var status = Code("status", AssociationStatus.All.ToHashSet(), $"One of: {string.Join(", ", AssociationStatus.All)}.");

        bool? publicUtility = Get("publicUtility")?.ToLowerInvariant() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Error<bool?>("publicUtility", "publicUtility is true or false."),
        };

        var foundedFrom = Date("foundedFrom");
        var foundedTo = Date("foundedTo");
        if (foundedFrom > foundedTo) errors["foundedTo"] = ["foundedTo is before foundedFrom."];

        DateTimeOffset? updatedSince = null;
        if (Get("updatedSince") is { } since)
        {
            if (since.Length >= 10 && since[4] == '-' && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                updatedSince = parsed;
            else
                errors["updatedSince"] = ["updatedSince is an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z."];
        }

        var sortText = Get("sort");
        var descending = sortText?.StartsWith('-') == true;
        DirectorySort? sort = (descending ? sortText![1..] : sortText) switch
        {
            null => q is null ? DirectorySort.Name : DirectorySort.Relevance,
            "relevance" when !descending => DirectorySort.Relevance,
            "name" => DirectorySort.Name,
            "foundedOn" => DirectorySort.FoundedOn,
            "updatedAt" => DirectorySort.UpdatedAt,
            _ => Error<DirectorySort?>("sort", "sort is one of: relevance, name, -name, foundedOn, -foundedOn, updatedAt, -updatedAt."),
        };
        if (sort == DirectorySort.Relevance && q is null)
            sort = Error<DirectorySort?>("sort", "sort=relevance needs a q to rank by.");

        var limit = DirectoryQuery.DefaultLimit;
        if (Get("limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > DirectoryQuery.MaxLimit)
                errors["limit"] = [$"limit is a whole number from 1 to {DirectoryQuery.MaxLimit}."];
        }

        var result = new DirectoryQuery
        {
            Q = q, Terms = terms, NameKey = q is null ? "" : SearchText.Key(q),
            Region = region, Province = province, Domain = domain, Kind = kind, Status = status, PublicUtility = publicUtility,
            FoundedFrom = foundedFrom, FoundedTo = foundedTo, UpdatedSince = updatedSince,
            Sort = sort ?? DirectorySort.Name, Descending = descending, Limit = limit,
        };
        if (Get("cursor") is { } cursor && errors.Count == 0)
        {
            var after = ReadCursor(cursor, result);
            if (after is null) errors["cursor"] = ["cursor is not one this query gave: take the next link of the previous page, with the same parameters."];
            result = result with { After = after };
        }
        return result;

        T? Error<T>(string name, string message)
        {
            errors[name] = [message];
            return default;
        }

        DateOnly? Date(string name)
        {
            if (Get(name) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors[name] = [$"{name} is a date written yyyy-MM-dd, e.g. 2001-07-23."];
            return null;
        }
    }

    private static DirectoryCursor? ReadCursor(string text, DirectoryQuery query)
    {
        if (text.Length > 600 || !Base64Url.TryDecode(text, out var decoded)) return null;
        var parts = decoded.Split('\u001F', 4);
        if (parts.Length != 4 || parts[0] != "v1" || parts[1] != query.Fingerprint()) return null;
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var key = parts[3];
        var valid = query.Sort switch
        {
            DirectorySort.Relevance => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            DirectorySort.FoundedOn => DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            DirectorySort.UpdatedAt => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        return valid ? new DirectoryCursor(key, id) : null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

internal static class Base64Url
{
    public static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string text, out string decoded)
    {
        decoded = "";
        var b64 = text.Replace('-', '+').Replace('_', '/');
        b64 += (b64.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => "!" };
        var buffer = new byte[b64.Length];
        if (!Convert.TryFromBase64String(b64, buffer, out var length)) return false;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
