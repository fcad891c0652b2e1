namespace SynthData.Server.Storage;

/// <summary>
/// Pending (trained, not audited) -> Audited (the audit passed every rule but a reviewer's approval is still
/// required) -> Released; Rejected when the audit fails the policy or a reviewer rejects. Only Released models generate.
/// </summary>
public enum ReleaseState { Pending, Audited, Released, Rejected }
