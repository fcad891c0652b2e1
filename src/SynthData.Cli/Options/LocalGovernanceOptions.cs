using System.CommandLine;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Synthesis;

namespace SynthData.Cli.Options;

/// <summary>The policy a local run is admitted under and the installation's ledger it is charged to, shared by `train` and `synth`.</summary>
public sealed class LocalGovernanceOptions
{
    readonly Option<string> _policy = new("--policy") { Description = "policy id (from policies/) or policy file", DefaultValueFactory = _ => PolicyCatalog.DefaultPolicyId };
    readonly Option<string?> _policies = new("--policies") { Description = "policy folder (default: the repository's policies/)" };
    readonly Option<string?> _ledger = new("--ledger") { Description = $"privacy-budget ledger (SQLite; default: ${SynthDataHome.Variable}/{SynthDataHome.LedgerFileName}, ~/.synthdata/ when unset)" };

    public Option[] LocalOnly => [_policy, _policies, _ledger];

    public void AddTo(Command command)
    {
        foreach (var option in LocalOnly) command.Add(option);
    }

    public ReleasePolicy Policy(ParseResult parse)
    {
        var folder = parse.GetValue(_policies) ?? PolicyCatalog.FindPoliciesFolder();
        string policyArg = parse.GetValue(_policy)!;
        return File.Exists(policyArg) || folder is null ? PolicyFile.Load(policyArg) : PolicyCatalog.Load(folder).Get(policyArg);
    }

    /// <summary>The installation's one ledger (or --ledger), keyed by the tables' content fingerprints; its folder is created.</summary>
    public string LedgerPath(ParseResult parse, SynthDataHome home)
    {
        string path = parse.GetValue(_ledger) is { Length: > 0 } given ? Path.GetFullPath(given) : home.LedgerPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
