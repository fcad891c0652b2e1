using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>Uploaded datasets' metadata. Every read takes the tenant, except the one named for server-internal sweeps.</summary>
public interface IDatasets
{
    void Insert(DatasetRecord dataset);
    /// <summary>The dataset when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    DatasetRecord? Get(string tenantId, string datasetId);
    IReadOnlyList<DatasetRecord> List(string tenantId);
    /// <summary>The tenant's datasets in creation order, <paramref name="pageSize"/> at a time, after the dataset with id <paramref name="after"/>.</summary>
    Page<DatasetRecord> List(string tenantId, int pageSize, string? after);
    /// <summary>Server-internal (start-up recovery): every tenant's datasets.</summary>
    IReadOnlyList<DatasetRecord> ListAcrossTenants();
    /// <summary>Records the content fingerprint of an upload made before content fingerprints (its ledger key stays).</summary>
    void SetContentFingerprint(string tenantId, string datasetId, string contentFingerprint);
    /// <summary>The ledger key of the tenant's earliest dataset with these rows, or null when they are new.</summary>
    string? LedgerKeyOfContent(string tenantId, string contentFingerprint);
    void MarkErased(string tenantId, string datasetId);
}

public sealed class Datasets(SqlDatabase db) : IDatasets
{
    const string Columns = "id, tenant_id, name, format, row_count, schema_json, policy_id, fingerprint, raw_path, erased, created_at, delimiter, content_fingerprint, ledger_key";

    static DatasetRecord Read(Row r) => new()
    {
        Id = r.Text("id"),
        TenantId = r.Text("tenant_id"),
        Name = r.Text("name"),
        Format = r.Text("format"),
        RowCount = r.Int64("row_count"),
        SchemaJson = r.Text("schema_json"),
        PolicyId = r.Text("policy_id"),
        Fingerprint = r.Text("fingerprint"),
        RawPath = r.Text("raw_path"),
        Erased = r.Flag("erased"),
        CreatedAt = r.Time("created_at"),
        Delimiter = r.OptionalText("delimiter"),
        ContentFingerprint = r.OptionalText("content_fingerprint"),
        LedgerKey = r.OptionalText("ledger_key"),
    };

    public void Insert(DatasetRecord d) =>
        db.NonQuery($"INSERT INTO datasets ({Columns}) VALUES (@id, @tenant, @name, @format, @rows, @schema, @policy, @fp, @raw, 0, @at, @delimiter, @content, @ledger)",
            ("@id", d.Id), ("@tenant", d.TenantId), ("@name", d.Name), ("@format", d.Format), ("@rows", d.RowCount),
            ("@schema", d.SchemaJson), ("@policy", d.PolicyId), ("@fp", d.Fingerprint), ("@raw", d.RawPath),
            ("@at", SqlDatabase.Stamp(d.CreatedAt)), ("@delimiter", d.Delimiter), ("@content", d.ContentFingerprint), ("@ledger", d.LedgerKey));

    public DatasetRecord? Get(string tenantId, string datasetId) =>
        db.Query($"SELECT {Columns} FROM datasets WHERE id = @id AND tenant_id = @tenant", Read, ("@id", datasetId), ("@tenant", tenantId)).SingleOrDefault();

    public IReadOnlyList<DatasetRecord> List(string tenantId) =>
        db.Query($"SELECT {Columns} FROM datasets WHERE tenant_id = @tenant ORDER BY created_at, id", Read, ("@tenant", tenantId));

    public Page<DatasetRecord> List(string tenantId, int pageSize, string? after) => Page<DatasetRecord>.From(
        db.Query($"SELECT {Columns} FROM datasets WHERE tenant_id = @tenant AND {Page<DatasetRecord>.After("datasets")} ORDER BY created_at, id LIMIT @fetch",
            Read, ("@tenant", tenantId), ("@after", after), ("@fetch", Page<DatasetRecord>.Fetch(pageSize))), pageSize, d => d.Id);

    public IReadOnlyList<DatasetRecord> ListAcrossTenants() => db.Query($"SELECT {Columns} FROM datasets ORDER BY created_at, id", Read);

    public void SetContentFingerprint(string tenantId, string datasetId, string contentFingerprint) =>
        db.NonQuery("UPDATE datasets SET content_fingerprint = @content WHERE id = @id AND tenant_id = @tenant AND content_fingerprint IS NULL",
            ("@content", contentFingerprint), ("@id", datasetId), ("@tenant", tenantId));

    public string? LedgerKeyOfContent(string tenantId, string contentFingerprint) =>
        db.Query("SELECT ledger_key FROM datasets WHERE tenant_id = @tenant AND content_fingerprint = @content AND ledger_key IS NOT NULL ORDER BY created_at, id LIMIT 1",
            r => r.Text("ledger_key"), ("@tenant", tenantId), ("@content", contentFingerprint)).SingleOrDefault();

    public void MarkErased(string tenantId, string datasetId) =>
        db.NonQuery("UPDATE datasets SET erased = 1 WHERE id = @id AND tenant_id = @tenant", ("@id", datasetId), ("@tenant", tenantId));
}
