namespace SynthData.Server.Storage.Sql;

/// <summary>
/// One page of a listing in creation order. <see cref="NextAfter"/> is the id of the page's last item when more
/// follow (pass it back as the after-key for the next page), null on the last page. Keyset paging: a page costs the
/// same however deep it is, and rows added meanwhile neither repeat nor shift a page.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextAfter)
{
    public const int MaxSize = 1000;

    /// <summary>Reads one row more than the page to learn whether another page follows.</summary>
    internal static Page<T> From(List<T> rows, int pageSize, Func<T, string> idOf) =>
        rows.Count > pageSize ? new Page<T>(rows.GetRange(0, pageSize), idOf(rows[pageSize - 1])) : new Page<T>(rows, null);

    internal static int Fetch(int pageSize) =>
        pageSize is > 0 and <= MaxSize ? pageSize + 1 : throw new ArgumentOutOfRangeException(nameof(pageSize), $"Page size must be 1 to {MaxSize}.");

    /// <summary>
    /// The WHERE clause continuing after the row with id @after of the same table and tenant (all rows when @after is
    /// null), for tables ordered by (created_at, id). The after-row is looked up within @tenant: an after-key naming
    /// another tenant's row (a page token is client-held) gives an empty page, never that row's place in the order.
    /// </summary>
    internal static string After(string table) =>
        $"(@after IS NULL OR (created_at, id) > (SELECT a.created_at, a.id FROM {table} a WHERE a.id = @after AND a.tenant_id = @tenant))";
}
