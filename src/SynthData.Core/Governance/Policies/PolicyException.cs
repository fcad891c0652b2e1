namespace SynthData.Core.Governance.Policies;

/// <summary>
/// A policy file that does not parse or contradicts itself; names the file and the field. On a server the policy
/// files are its configuration, so the request is fine but the server's state refuses it.
/// </summary>
/// <param name="source">The policy file (or id) at fault.</param>
/// <param name="field">The field at fault.</param>
/// <param name="problem">What is wrong with it.</param>
public sealed class PolicyException(string source, string field, string problem)
    : UserFacingException(ErrorReason.FailedPrecondition, $"{source}: policy field '{field}': {problem}", field)
{
    /// <summary>The policy file (or id) at fault.</summary>
    public string PolicySource { get; } = source;
}
