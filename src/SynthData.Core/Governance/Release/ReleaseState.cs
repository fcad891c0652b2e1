namespace SynthData.Core.Governance.Release;

/// <summary>
/// Where a trained model stands on its way to consumers. Pending (trained, not audited) -> Audited (the audit passed
/// every rule but a reviewer's approval, which the policy requires) -> Released; Rejected when the audit fails the
/// policy or a reviewer rejects. Only Released models generate. <see cref="ReleaseStateMachine"/> decides the moves.
/// </summary>
public enum ReleaseState
{
    /// <summary>Trained, not yet audited.</summary>
    Pending,
    /// <summary>The audit passes the policy; a reviewer's approval is still required.</summary>
    Audited,
    /// <summary>Cleared for consumers: the only state that generates.</summary>
    Released,
    /// <summary>The audit fails the policy, or a reviewer rejected the release.</summary>
    Rejected,
}
