namespace SynthData.Server.Storage;

/// <summary>Who did what to which id, when. Detail carries figures and names only, never a data value. Seq orders the log (newest highest).</summary>
public sealed record AuditLogRecord(DateTimeOffset At, string Actor, string Action, string SubjectId, string Detail, long Seq = 0);
