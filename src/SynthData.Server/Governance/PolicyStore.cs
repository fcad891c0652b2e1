using Grpc.Core;
using Microsoft.Extensions.Options;
using SynthData.Core.Governance.Policies;
using SynthData.Server.Hosting;

namespace SynthData.Server.Governance;

/// <summary>
/// The policies datasets may name, loaded once at start from SynthData:PoliciesDirectory (default: the
/// policies/ folder shipped beside the server). A broken policy file stops the server at start, not a job later.
/// </summary>
public sealed class PolicyStore
{
    readonly Dictionary<string, (ReleasePolicy Policy, string Text)> _byId = new(StringComparer.Ordinal);

    public PolicyStore(IOptions<SynthDataServerOptions> options)
    {
        string directory = options.Value.PoliciesDirectory ?? PolicyCatalog.FindPoliciesFolder()
            ?? throw new InvalidOperationException("No policies folder found: set SynthData:PoliciesDirectory.");
        Directory = Path.GetFullPath(directory);
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Concat(System.IO.Directory.EnumerateFiles(Directory, "*.yml")).Order(StringComparer.Ordinal))
        {
            string text = File.ReadAllText(path);
            var policy = PolicyFile.Parse(text, path);
            if (!_byId.TryAdd(policy.Id, (policy, text))) throw new InvalidOperationException($"{path}: policy id '{policy.Id}' is defined twice.");
        }
        if (!_byId.ContainsKey(PolicyCatalog.DefaultPolicyId))
            throw new InvalidOperationException($"{Directory}: no '{PolicyCatalog.DefaultPolicyId}' policy.");
    }

    public string Directory { get; }

    public IEnumerable<(ReleasePolicy Policy, string Text)> All => _byId.Values.OrderBy(p => p.Policy.Id, StringComparer.Ordinal);

    public bool Exists(string id) => _byId.ContainsKey(id);

    /// <summary>The dataset's policy; a dataset can only name a policy that existed at upload, so a missing one is a configuration change.</summary>
    public ReleasePolicy Get(string id) => _byId.TryGetValue(id, out var entry)
        ? entry.Policy
        : throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Policy '{id}' is no longer configured on this server."));
}
