using System.Text;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>
/// Page-token paging over a list in a fixed order. A token is opaque to clients: base64url of the scope it was
/// issued for (the list and its filter) and the sort key of the last item returned, so the next page starts
/// after that item even when items were added meanwhile. A token from another list or filter, or one this server
/// never issued, is INVALID_ARGUMENT on page_token. Keys must be unique and increase along the list's order.
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 1000;
    const string Prefix = "sd1";

    public static (List<T> Items, string NextPageToken) Page<T>(IEnumerable<T> ordered, Func<T, string> keyOf,
        int pageSize, string pageToken, string scope, int defaultPageSize = 50)
    {
        FieldViolations.Require(pageSize is >= 0 and <= MaxPageSize, "page_size", $"must be between 1 and {MaxPageSize} (0 uses {defaultPageSize})");
        int size = pageSize == 0 ? defaultPageSize : pageSize;
        string? after = pageToken.Length == 0 ? null : Decode(pageToken, scope);
        var remaining = after is null ? ordered : ordered.Where(item => string.CompareOrdinal(keyOf(item), after) > 0);
        var items = remaining.Take(size + 1).ToList();
        if (items.Count <= size) return (items, "");
        items.RemoveAt(size);
        return (items, Encode(scope, keyOf(items[^1])));
    }

    /// <summary>
    /// A page the store reads with its own keyset query (<paramref name="fetch"/>: page size and the after-key, null for
    /// the first page), so a page costs the same however long the list; the token wraps the store's after-key.
    /// </summary>
    public static (IReadOnlyList<T> Items, string NextPageToken) Page<T>(Func<int, string?, Storage.Sql.Page<T>> fetch,
        int pageSize, string pageToken, string scope, int defaultPageSize = 50)
    {
        FieldViolations.Require(pageSize is >= 0 and <= MaxPageSize, "page_size", $"must be between 1 and {MaxPageSize} (0 uses {defaultPageSize})");
        string? after = pageToken.Length == 0 ? null : Decode(pageToken, scope);
        var page = fetch(pageSize == 0 ? defaultPageSize : pageSize, after);
        return (page.Items, page.NextAfter is { } next ? Encode(scope, next) : "");
    }

    static string Encode(string scope, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Prefix}\n{scope}\n{key}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static string Decode(string token, string scope)
    {
        string? text = null;
        try
        {
            string padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException) { }
        var parts = text?.Split('\n', 3);
        if (parts is not [Prefix, var issuedFor, var key] || key.Length == 0)
            throw FieldViolations.Invalid("page_token", "is not a page token this server issued");
        if (issuedFor != scope)
            throw FieldViolations.Invalid("page_token", "was issued for another list or filter; keep the request's other fields as they were");
        return key;
    }

    /// <summary>A sort key for lists ordered by creation time, then id: ISO-8601 UTC times sort as text.</summary>
    public static string CreationKey(DateTimeOffset created, string id) =>
        created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture) + "|" + id;
}
