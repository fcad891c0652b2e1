namespace SynthData.Core.Governance.Release;

/// <summary>
/// Where a trained model stands on its way to consumers. Pending (trained, not audited) -> Audited (the audit passed
/// every rule but a reviewer's approval, which the policy requires) -> Released; Rejected when the audit fails the
/// policy or a reviewer rejects. Only Released models generate. <see cref="ReleaseStateMachine"/> decides the moves.
/// </summary>
public enum ReleaseState { Pending, Audited, Released, Rejected }
