using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>Trained models and their release state. Reads take the tenant; writes name a model the caller already read.</summary>
public interface IModels
{
    ModelRecord Insert(string id, string tenantId, string jobId, string datasetId, string artifactPath, string sha256);
    /// <summary>The model when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    ModelRecord? Get(string tenantId, string modelId);
    IReadOnlyList<ModelRecord> List(string tenantId, string? datasetId);
    /// <summary>The tenant's models (of one dataset, or all) in creation order, a page at a time after the model with id <paramref name="after"/>.</summary>
    Page<ModelRecord> List(string tenantId, string? datasetId, int pageSize, string? after);
    /// <summary>Records a release decision; <paramref name="reviewerJson"/> null keeps the recorded reviewer.</summary>
    void SetRelease(string modelId, ReleaseState state, string releaseDecisionJson, string? reviewerJson = null);
}

public sealed class Models(SqlDatabase db) : IModels
{
    const string Columns = "id, tenant_id, job_id, dataset_id, artifact_path, sha256, release_state, release_decision_json, reviewer_json, created_at";

    static ModelRecord Read(Row r) => new()
    {
        Id = r.Text("id"),
        TenantId = r.Text("tenant_id"),
        JobId = r.Text("job_id"),
        DatasetId = r.Text("dataset_id"),
        ArtifactPath = r.Text("artifact_path"),
        Sha256 = r.Text("sha256"),
        ReleaseState = Enum.Parse<ReleaseState>(r.Text("release_state"), ignoreCase: true),
        ReleaseDecisionJson = r.OptionalText("release_decision_json"),
        ReviewerJson = r.OptionalText("reviewer_json"),
        CreatedAt = r.Time("created_at"),
    };

    readonly TenantListing<ModelRecord> _listing = new(db, "models", Columns, Read, m => m.Id);

    public ModelRecord Insert(string id, string tenantId, string jobId, string datasetId, string artifactPath, string sha256)
    {
        db.NonQuery($"INSERT INTO models ({Columns}) VALUES (@id, @tenant, @job, @dataset, @path, @sha, 'pending', NULL, NULL, @at)",
            ("@id", id), ("@tenant", tenantId), ("@job", jobId), ("@dataset", datasetId), ("@path", artifactPath), ("@sha", sha256), ("@at", SqlDatabase.Now()));
        return Get(tenantId, id)!;
    }

    public ModelRecord? Get(string tenantId, string modelId) =>
        db.Query($"SELECT {Columns} FROM models WHERE id = @id AND tenant_id = @tenant", Read, ("@id", modelId), ("@tenant", tenantId)).SingleOrDefault();

    public IReadOnlyList<ModelRecord> List(string tenantId, string? datasetId) => _listing.All(tenantId, datasetId);

    public Page<ModelRecord> List(string tenantId, string? datasetId, int pageSize, string? after) => _listing.Page(tenantId, datasetId, pageSize, after);

    public void SetRelease(string modelId, ReleaseState state, string releaseDecisionJson, string? reviewerJson = null) =>
        db.NonQuery("UPDATE models SET release_state = @state, release_decision_json = @decision, reviewer_json = COALESCE(@reviewer, reviewer_json) WHERE id = @id",
            ("@id", modelId), ("@state", state.ToString().ToLowerInvariant()), ("@decision", releaseDecisionJson), ("@reviewer", reviewerJson));
}
