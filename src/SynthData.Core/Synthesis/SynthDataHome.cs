using SynthData.Core.Tabular;

namespace SynthData.Core.Synthesis;

/// <summary>
/// The installation's private folder: $SYNTHDATA_HOME, or ~/.synthdata when unset (created 0700). It holds the one
/// local privacy ledger (ledger.db), so a new output folder never starts a new budget, and the fingerprint key.
/// </summary>
public sealed class SynthDataHome
{
    public const string Variable = "SYNTHDATA_HOME";
    public const string LedgerFileName = "ledger.db";

    public string Directory { get; }

    SynthDataHome(string directory) => Directory = directory;

    /// <summary>The home named by the environment, created if absent.</summary>
    public static SynthDataHome Open()
    {
        string? configured = Environment.GetEnvironmentVariable(Variable);
        string directory = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".synthdata")
            : configured;
        directory = Path.GetFullPath(directory);
        PrivateDirectory.Create(directory);
        return new SynthDataHome(directory);
    }

    public string LedgerPath => Path.Combine(Directory, LedgerFileName);

    public byte[] FingerprintKey() => Tabular.FingerprintKey.LoadOrCreate(Directory);
}
