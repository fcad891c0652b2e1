using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>Reviewers' decisions on a model, kept in order: the latest one stands.</summary>
public interface IApprovals
{
    void Insert(string modelId, string reviewerKeyId, bool approved, string comment);
    /// <summary>The latest reviewer decision on the model (true approved, false rejected), or null when nobody reviewed it.</summary>
    bool? Latest(string modelId);
}

public sealed class Approvals(SqlDatabase db) : IApprovals
{
    public void Insert(string modelId, string reviewerKeyId, bool approved, string comment) =>
        db.NonQuery("INSERT INTO approvals (id, model_id, reviewer_key_id, decision, comment, at) VALUES (@id, @model, @key, @decision, @comment, @at)",
            ("@id", ServerStore.NewId("apr")), ("@model", modelId), ("@key", reviewerKeyId), ("@decision", approved ? "approved" : "rejected"),
            ("@comment", comment), ("@at", SqlDatabase.Now()));

    public bool? Latest(string modelId) =>
        db.Query($"SELECT decision FROM approvals WHERE model_id = @model ORDER BY {db.InsertionOrder} DESC LIMIT 1",
            r => r.Text("decision") == "approved", ("@model", modelId)).Cast<bool?>().SingleOrDefault();
}
