using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>Who did what to which id, per tenant, newest first. Details carry figures and names only, never a data value.</summary>
public interface IAuditLog
{
    /// <param name="tenantId">Null for server-wide events.</param>
    void Record(string? tenantId, string actor, string action, string subjectId, string detail);
    IReadOnlyList<AuditLogRecord> Read(string tenantId, string? subjectId, int limit);
}

public sealed class AuditLog(SqlDatabase db) : IAuditLog
{
    public void Record(string? tenantId, string actor, string action, string subjectId, string detail) =>
        db.NonQuery("INSERT INTO audit_log (tenant_id, actor, action, subject_id, detail, at) VALUES (@tenant, @actor, @action, @subject, @detail, @at)",
            ("@tenant", tenantId), ("@actor", actor), ("@action", action), ("@subject", subjectId), ("@detail", detail), ("@at", SqlDatabase.Now()));

    public IReadOnlyList<AuditLogRecord> Read(string tenantId, string? subjectId, int limit) =>
        db.Query("SELECT at, actor, action, subject_id, detail FROM audit_log WHERE tenant_id = @tenant AND (@subject IS NULL OR subject_id = @subject) " +
                 "ORDER BY seq DESC LIMIT @limit",
            r => new AuditLogRecord(r.Time("at"), r.Text("actor"), r.Text("action"), r.Text("subject_id"), r.Text("detail")),
            ("@tenant", tenantId), ("@subject", string.IsNullOrEmpty(subjectId) ? null : subjectId), ("@limit", limit));
}
