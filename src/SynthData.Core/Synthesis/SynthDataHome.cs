using SynthData.Core.Tabular;

namespace SynthData.Core.Synthesis;

/// <summary>
/// The installation's private folder: $SYNTHDATA_HOME, or ~/.synthdata when unset (created 0700). It holds the one
/// local privacy ledger (ledger.db), so a new output folder never starts a new budget, and the fingerprint key.
/// </summary>
public sealed class SynthDataHome
{
    /// <summary>The environment variable that names the home folder.</summary>
    public const string Variable = "SYNTHDATA_HOME";
    /// <summary>The local ledger's file name inside the home.</summary>
    public const string LedgerFileName = "ledger.db";

    /// <summary>The home's full path.</summary>
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

    /// <summary>The one local privacy ledger's path.</summary>
    public string LedgerPath => Path.Combine(Directory, LedgerFileName);

    /// <summary>The installation's secret fingerprint key, created on first use.</summary>
    public byte[] FingerprintKey() => Tabular.FingerprintKey.LoadOrCreate(Directory);
}
