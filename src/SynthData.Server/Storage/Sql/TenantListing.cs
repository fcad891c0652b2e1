namespace SynthData.Server.Storage.Sql;

/// <summary>A tenant's rows of a table with tenant_id and dataset_id (of one dataset, or all) in creation order: whole or a page at a time.</summary>
internal sealed class TenantListing<T>(SqlDatabase db, string table, string columns, Func<Row, T> read, Func<T, string> idOf)
{
    string Select => $"SELECT {columns} FROM {table} WHERE tenant_id = @tenant AND (@dataset IS NULL OR dataset_id = @dataset)";

    static (string, object?) Dataset(string? datasetId) => ("@dataset", string.IsNullOrEmpty(datasetId) ? null : datasetId);

    public IReadOnlyList<T> All(string tenantId, string? datasetId) =>
        db.Query($"{Select} ORDER BY created_at, id", read, ("@tenant", tenantId), Dataset(datasetId));

    public Page<T> Page(string tenantId, string? datasetId, int pageSize, string? after) => Page<T>.From(
        db.Query($"{Select} AND {Page<T>.After(table)} ORDER BY created_at, id LIMIT @fetch", read,
            ("@tenant", tenantId), Dataset(datasetId), ("@after", after), ("@fetch", Page<T>.Fetch(pageSize))), pageSize, idOf);
}
