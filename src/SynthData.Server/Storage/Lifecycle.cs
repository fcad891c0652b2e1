using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>
/// A drift check as stored beside its job (the job row holds its state, reasons and times): which model it checked
/// against which version, the lineage it was charged to, and its figures as JSON once it finished (DP outputs only).
/// </summary>
public sealed record DriftCheckRecord(string JobId, string TenantId, string ModelId, string DatasetId, string LineageKey, string? ResultJson,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// The model lifecycle's state: the model a reviewer set current for a lineage (keyed by the lineage's ledger key,
/// shared by every version) and the drift checks. Reads take the tenant.
/// </summary>
public interface ILifecycle
{
    string? PinnedModel(string tenantId, string lineageKey);
    void Pin(string tenantId, string lineageKey, string modelId);
    void Unpin(string tenantId, string lineageKey);
    void InsertDriftCheck(DriftCheckRecord check);
    /// <summary>Stores a finished check's figures (DP outputs only).</summary>
    void FinishDriftCheck(string jobId, string resultJson);
    /// <summary>The check when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    DriftCheckRecord? GetDriftCheck(string tenantId, string jobId);
    /// <summary>Every check of the lineage, oldest first.</summary>
    IReadOnlyList<DriftCheckRecord> DriftChecks(string tenantId, string lineageKey);
}

public sealed class Lifecycle(SqlDatabase db) : ILifecycle
{
    const string Columns = "job_id, tenant_id, model_id, dataset_id, lineage_key, result_json, created_at, finished_at";

    static DriftCheckRecord Read(Row r) => new(r.Text("job_id"), r.Text("tenant_id"), r.Text("model_id"), r.Text("dataset_id"), r.Text("lineage_key"),
        r.OptionalText("result_json"), r.Time("created_at"), r.OptionalTime("finished_at"));

    public string? PinnedModel(string tenantId, string lineageKey) =>
        db.Query("SELECT model_id FROM current_models WHERE tenant_id = @tenant AND lineage_key = @key", r => r.Text("model_id"),
            ("@tenant", tenantId), ("@key", lineageKey)).SingleOrDefault();

    public void Pin(string tenantId, string lineageKey, string modelId) =>
        db.NonQuery("INSERT INTO current_models (tenant_id, lineage_key, model_id, set_at) VALUES (@tenant, @key, @model, @at) " +
                    "ON CONFLICT (tenant_id, lineage_key) DO UPDATE SET model_id = @model, set_at = @at",
            ("@tenant", tenantId), ("@key", lineageKey), ("@model", modelId), ("@at", SqlDatabase.Now()));

    public void Unpin(string tenantId, string lineageKey) =>
        db.NonQuery("DELETE FROM current_models WHERE tenant_id = @tenant AND lineage_key = @key", ("@tenant", tenantId), ("@key", lineageKey));

    public void InsertDriftCheck(DriftCheckRecord check) =>
        db.NonQuery($"INSERT INTO drift_checks ({Columns}) VALUES (@job, @tenant, @model, @dataset, @key, @result, @at, NULL)",
            ("@job", check.JobId), ("@tenant", check.TenantId), ("@model", check.ModelId), ("@dataset", check.DatasetId), ("@key", check.LineageKey),
            ("@result", check.ResultJson), ("@at", SqlDatabase.Stamp(check.CreatedAt)));

    public void FinishDriftCheck(string jobId, string resultJson) =>
        db.NonQuery("UPDATE drift_checks SET result_json = @result, finished_at = @at WHERE job_id = @job",
            ("@job", jobId), ("@result", resultJson), ("@at", SqlDatabase.Now()));

    public DriftCheckRecord? GetDriftCheck(string tenantId, string jobId) =>
        db.Query($"SELECT {Columns} FROM drift_checks WHERE job_id = @job AND tenant_id = @tenant", Read, ("@job", jobId), ("@tenant", tenantId)).SingleOrDefault();

    public IReadOnlyList<DriftCheckRecord> DriftChecks(string tenantId, string lineageKey) =>
        db.Query($"SELECT {Columns} FROM drift_checks WHERE tenant_id = @tenant AND lineage_key = @key ORDER BY created_at, job_id", Read,
            ("@tenant", tenantId), ("@key", lineageKey));
}
