namespace SynthData.Core.Governance.Policies;

/// <summary>The policies of a folder (policies/ by default; *.yaml, *.yml and *.json files, not sub-folders), by id; ids must be unique.</summary>
public sealed class PolicyCatalog
{
    /// <summary>The policy used when the caller names none.</summary>
    public const string DefaultPolicyId = "default";
    static readonly string[] PolicyExtensions = [".yaml", ".yml", ".json"];
    readonly Dictionary<string, ReleasePolicy> _byId;

    /// <summary>A catalog of the given policies; throws <see cref="PolicyException"/> when two share an id.</summary>
    public PolicyCatalog(IEnumerable<ReleasePolicy> policies)
    {
        _byId = new Dictionary<string, ReleasePolicy>(StringComparer.Ordinal);
        foreach (var policy in policies)
            if (!_byId.TryAdd(policy.Id, policy))
                throw new PolicyException(policy.Id, "id", "two policies share this id");
    }

    /// <summary>Every policy in the catalog.</summary>
    public IReadOnlyCollection<ReleasePolicy> All => _byId.Values;

    /// <summary>Loads every policy file directly in <paramref name="directory"/>, in name order.</summary>
    public static PolicyCatalog Load(string directory) => new(
        Directory.EnumerateFiles(directory).Where(f => PolicyExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).Select(PolicyFile.Load));

    /// <summary>The policy with this id; throws <see cref="PolicyException"/> listing the known ids otherwise.</summary>
    public ReleasePolicy Get(string id) => _byId.TryGetValue(id, out var policy)
        ? policy
        : throw new PolicyException(id, "id", $"no policy with this id; known: {string.Join(", ", _byId.Keys.Order())}");

    /// <summary>A policy id from the catalog, or a path to a policy file.</summary>
    public ReleasePolicy Resolve(string idOrPath) => File.Exists(idOrPath) ? PolicyFile.Load(idOrPath) : Get(idOrPath);

    /// <summary>The repository's policies/ folder, found by walking up from a start folder (the working directory, then the binaries).</summary>
    public static string? FindPoliciesFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "policies");
                if (File.Exists(Path.Combine(candidate, "default.yaml"))) return candidate;
            }
        return null;
    }
}
