using Microsoft.Data.Sqlite;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Validation;

namespace SynthData.Server.Hosting;

/// <summary>
/// <c>synthdata-server check</c>: verifies a data directory without changing it (databases opened read-only, nothing
/// created or migrated): SQLite's integrity_check and the schema version of synthdata.db and privacy-ledger.db, every
/// model artifact (it opens, its content hash holds and it is the artifact the store recorded), every kept raw upload
/// present, and the fingerprint key. Artifacts are read from the embedded artifact store (decrypted with the
/// server's SynthData:ArtifactKey when it is set) or, for those written before it, from their recorded paths.
/// One line per problem; exit 0 when there is none, 2 otherwise.
/// </summary>
public static class StateCheck
{
    public static int Run(string dataDirectory, TextWriter output, string? artifactKey = null)
    {
        string directory = Path.GetFullPath(dataDirectory);
        var plain = new DirectoryArtifactStore(Path.Combine(directory, "artifact-store"));
        IArtifactStore artifacts = string.IsNullOrWhiteSpace(artifactKey) ? plain : new EncryptedArtifactStore(plain, EncryptedArtifactStore.ParseKey(artifactKey));
        string Shown(string location) => Path.IsPathRooted(location) ? location : plain.PathOf(location);
        var problems = new List<string>();
        void Problem(string path, string what) => problems.Add($"problem: {SafeText.Escape(path)}: {what}");

        string storePath = Path.Combine(directory, "synthdata.db"), ledgerPath = Path.Combine(directory, "privacy-ledger.db");
        bool storeSound = CheckDatabase(storePath, "PRAGMA user_version", StoreSchema.Version, Problem);
        CheckDatabase(ledgerPath, "SELECT version FROM privacy_ledger_version", PrivacyBudgetLedger.SchemaVersion, Problem);

        int models = 0, datasets = 0;
        if (storeSound)
        {
            using var store = OpenReadOnly(storePath);
            foreach (var (id, path, sha256) in Rows(store, "SELECT id, artifact_path, sha256 FROM models", r => (r.GetString(0), r.GetString(1), r.GetString(2))))
            {
                models++;
                if (ArtifactProblem(artifacts, path, sha256) is { } what) Problem(Shown(path), $"artifact of model {id}: {what}");
            }
            foreach (var (id, path) in Rows(store, "SELECT id, raw_path FROM datasets WHERE erased = 0", r => (r.GetString(0), r.GetString(1))))
            {
                datasets++;
                if (Path.IsPathRooted(path) ? !File.Exists(path) : !artifacts.Exists(path)) Problem(Shown(path), $"raw upload of dataset {id} is missing (it is not marked erased)");
            }
            if (datasets > 0 && !File.Exists(Path.Combine(directory, "fingerprint.key")))
                Problem(Path.Combine(directory, "fingerprint.key"), "missing: restore it from a backup (a new key would give every dataset a fresh budget)");
        }

        foreach (string line in problems) output.WriteLine(line);
        output.WriteLine(problems.Count == 0
            ? $"ok: {directory}: both databases intact, {models} model artifacts and {datasets} raw uploads verified"
            : $"{problems.Count} problem(s) in {directory}: restore the files named from a backup");
        return problems.Count == 0 ? 0 : 2;
    }

    /// <summary>A present database whose pages SQLite finds sound and whose schema version this server reads.</summary>
    static bool CheckDatabase(string path, string versionQuery, long expectedVersion, Action<string, string> problem)
    {
        if (!File.Exists(path)) { problem(path, "missing (is the data directory right?)"); return false; }
        try
        {
            using var connection = OpenReadOnly(path);
            var findings = Rows(connection, "PRAGMA integrity_check", r => r.GetString(0));
            if (findings is not ["ok"])
            {
                problem(path, $"integrity_check failed: {string.Join("; ", findings.Take(3))}");
                return false;
            }
            long version = Rows(connection, versionQuery, r => r.GetInt64(0)).FirstOrDefault(-1);
            if (version != expectedVersion)
            {
                problem(path, $"schema version {version}, this server expects {expectedVersion}");
                return false;
            }
            return true;
        }
        catch (SqliteException e)
        {
            problem(path, $"cannot be read ({e.Message.TrimEnd('.')})");
            return false;
        }
    }

    static string? ArtifactProblem(IArtifactStore artifacts, string location, string recordedSha256)
    {
        string? copy = null;
        try
        {
            string path = location;
            if (!Path.IsPathRooted(location) && artifacts is DirectoryArtifactStore direct) path = direct.PathOf(location);
            else if (!Path.IsPathRooted(location))
            {
                // Decrypted to a private temp file outside the data directory (which stays unchanged), deleted below.
                copy = Path.Combine(Path.GetTempPath(), $"synthdata-check-{Guid.NewGuid():N}.model");
                using var content = artifacts.OpenRead(location);
                using var file = PrivateFiles.CreateNew(copy);
                content.CopyTo(file);
                path = copy;
            }
            using var model = TrainedModel.Load(path); // verifies the manifest, the content hash and that the weights fit
            return string.Equals(model.ArtifactSha256, recordedSha256, StringComparison.Ordinal) ? null : "intact, but not the artifact recorded at training";
        }
        catch (Exception e) when (e is not OutOfMemoryException) // whatever stops it loading stops Generate and RunAudit
        {
            return e is FileNotFoundException or DirectoryNotFoundException ? "missing"
                : artifacts is DirectoryArtifactStore && e is InvalidDataException && !Path.IsPathRooted(location) && IsEncrypted(((DirectoryArtifactStore)artifacts).PathOf(location))
                    ? "encrypted: run the check with the server's SynthData:ArtifactKey"
                    : $"damaged ({e.GetType().Name})";
        }
        finally
        {
            if (copy is not null) File.Delete(copy);
        }
    }

    static bool IsEncrypted(string path)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[4];
        return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.AsSpan().SequenceEqual("SDA1"u8);
    }

    static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
