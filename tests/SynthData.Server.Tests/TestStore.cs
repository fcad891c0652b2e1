using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SynthData.Server.Tests;

/// <summary>
/// The store the single-node server tests run on: the embedded default, or with SYNTHDATA_TEST_STORE=postgres one
/// throwaway PostgreSQL for the whole test process, a fresh database per data directory (the same one again when a
/// test restarts a server on its directory) and one artifact key, so every server test also runs on that backend.
/// </summary>
static class TestStore
{
    public const string Variable = "SYNTHDATA_TEST_STORE";

    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable(Variable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips a test about the embedded store's SQLite files on this backend, saying why.</summary>
    public static void SkipUnlessEmbedded(string what) =>
        Skip.If(OnPostgres, $"{Variable}=postgres: this test is about {what} of the embedded SQLite store, which this backend does not use");

    /// <summary>
    /// Skips a test of how the single embedded process recovers at restart: on the shared store a restarted replica
    /// cannot tell its own previous process's jobs from a live replica's, so it fails them only when their lease
    /// expires (JobLeases), and a reservation held outside the job queue has no lease to expire yet.
    /// </summary>
    public static void SkipUnlessSingleProcess() =>
        Skip.If(OnPostgres, $"{Variable}=postgres: restart recovery on the shared store waits for the job's lease to expire instead of failing at start (JobLeases)");

    static readonly Lazy<PostgresServer> Postgres = new(() =>
    {
        var server = new PostgresServer();
        if (server.SkipReason is not null) throw new InvalidOperationException($"{Variable}=postgres, but {server.SkipReason}");
        StopWithThisProcess(server);
        return server;
    });

    /// <summary>
    /// The test host may be killed before ProcessExit handlers run (it was, leaving servers behind): a watcher outside
    /// it stops the server and deletes its folder once this process has ended, however it ended.
    /// </summary>
    static void StopWithThisProcess(PostgresServer server)
    {
        string data;
        using (var connection = new Npgsql.NpgsqlConnection(server.NewDatabase()))
        {
            connection.Open();
            using var show = new Npgsql.NpgsqlCommand("SHOW data_directory", connection);
            data = (string)show.ExecuteScalar()!;
        }
        string pgCtl = Path.Combine(Path.GetDirectoryName(Directory.GetFiles("/usr/lib/postgresql", "pg_ctl", SearchOption.AllDirectories).Order().Last())!, "pg_ctl");
        string stop = $"{(Environment.UserName == "root" ? "runuser -u postgres -- " : "")}'{pgCtl}' -D '{data}' -m immediate stop";
        var watcher = new System.Diagnostics.ProcessStartInfo("sh") { UseShellExecute = false };
        watcher.ArgumentList.Add("-c");
        watcher.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{Path.GetDirectoryName(data)}'");
        System.Diagnostics.Process.Start(watcher);
    }

    static readonly ConcurrentDictionary<string, string> Databases = new();
    static readonly string ArtifactKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The settings that select the backend for a server on this data directory; none for the embedded store,
    /// or when the test chooses a store itself.</summary>
    public static string[] Settings(string dataDirectory, IEnumerable<string> testSettings)
    {
        if (!OnPostgres || testSettings.Any(s => s.StartsWith("--SynthData:Store=", StringComparison.OrdinalIgnoreCase))) return [];
        string connection = Databases.GetOrAdd(Path.GetFullPath(dataDirectory), _ => Postgres.Value.NewDatabase());
        return ["--SynthData:Store=postgres", $"--SynthData:ConnectionString={connection}", $"--SynthData:ArtifactKey={ArtifactKey}"];
    }
}
