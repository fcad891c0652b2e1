namespace SynthData.Server.Storage;

/// <summary>Who did what to which id, when. Detail carries figures and names only, never a data value.</summary>
public sealed record AuditLogRecord(DateTimeOffset At, string Actor, string Action, string SubjectId, string Detail);
