using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>Who did what to which id, per tenant, newest first. Details carry figures and names only, never a data value.</summary>
public interface IAuditLog
{
    /// <param name="tenantId">Null for server-wide events.</param>
    void Record(string? tenantId, string actor, string action, string subjectId, string detail);
    IReadOnlyList<AuditLogRecord> Read(string tenantId, string? subjectId, int limit);
    /// <summary>Newest first, a page at a time after the entry whose <see cref="AuditLogRecord.Seq"/> is <paramref name="after"/>.</summary>
    Page<AuditLogRecord> Read(string tenantId, string? subjectId, int pageSize, long? after);
}

public sealed class AuditLog(SqlDatabase db) : IAuditLog
{
    public void Record(string? tenantId, string actor, string action, string subjectId, string detail) =>
        db.NonQuery("INSERT INTO audit_log (tenant_id, actor, action, subject_id, detail, at) VALUES (@tenant, @actor, @action, @subject, @detail, @at)",
            ("@tenant", tenantId), ("@actor", actor), ("@action", action), ("@subject", subjectId), ("@detail", detail), ("@at", SqlDatabase.Now()));

    const string Select = "SELECT seq, at, actor, action, subject_id, detail FROM audit_log WHERE tenant_id = @tenant AND (@subject IS NULL OR subject_id = @subject)";

    static AuditLogRecord ReadEntry(Row r) => new(r.Time("at"), r.Text("actor"), r.Text("action"), r.Text("subject_id"), r.Text("detail"), r.Int64("seq"));

    public IReadOnlyList<AuditLogRecord> Read(string tenantId, string? subjectId, int limit) =>
        db.Query($"{Select} ORDER BY seq DESC LIMIT @limit", ReadEntry,
            ("@tenant", tenantId), ("@subject", string.IsNullOrEmpty(subjectId) ? null : subjectId), ("@limit", limit));

    public Page<AuditLogRecord> Read(string tenantId, string? subjectId, int pageSize, long? after) => Page<AuditLogRecord>.From(
        db.Query($"{Select} AND seq < @after ORDER BY seq DESC LIMIT @fetch", ReadEntry,
            ("@tenant", tenantId), ("@subject", string.IsNullOrEmpty(subjectId) ? null : subjectId), ("@after", after ?? long.MaxValue),
            ("@fetch", Page<AuditLogRecord>.Fetch(pageSize))), pageSize, e => e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
