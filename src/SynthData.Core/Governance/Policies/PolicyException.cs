namespace SynthData.Core.Governance.Policies;

/// <summary>
/// A policy file that does not parse or contradicts itself; names the file and the field. On a server the policy
/// files are its configuration, so the request is fine but the server's state refuses it.
/// </summary>
public sealed class PolicyException(string source, string field, string problem)
    : UserFacingException(ErrorReason.FailedPrecondition, $"{source}: policy field '{field}': {problem}", field)
{
    public string PolicySource { get; } = source;
}
