namespace SynthData.Core.Governance.Policies;

/// <summary>A policy file that does not parse or contradicts itself; names the file and the field.</summary>
public sealed class PolicyException(string source, string field, string problem)
    : UserFacingException($"{source}: policy field '{field}': {problem}")
{
    public string PolicySource { get; } = source;
    public string Field { get; } = field;
}
