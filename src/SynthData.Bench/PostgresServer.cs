using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SynthData.Bench;

/// <summary>
/// One throwaway PostgreSQL for the tests and the replica bench: initdb on a temp folder, pg_ctl on a free loopback
/// port (as the postgres user when run as root, as CI does), stopped and deleted afterwards. Each user takes its own
/// fresh database. When the server binaries are absent, <see cref="SkipReason"/> says so (tests skip, the bench
/// refuses); .ci/run installs them.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    readonly string? _bin;
    readonly string _directory = "";
    readonly int _port;

    public string? SkipReason { get; }

    /// <summary>The folder of the server binaries it runs (initdb, pg_ctl), or null when none were found.</summary>
    public string? Binaries => _bin;

    public PostgresServer()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        if (_bin is null)
        {
            SkipReason = "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql; .ci/run does it)";
            return;
        }
        _directory = Path.Combine(Path.GetTempPath(), $"synthdata-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        bool root = Environment.UserName == "root";
        if (root) Run("chown", "postgres", _directory);
        _port = FreePort();
        string data = Path.Combine(_directory, "data");
        RunAsOwner(root, Path.Combine(_bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
        RunAsOwner(root, Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_directory, "log"), "-w", "-o",
            $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
    }

    /// <summary>A connection string to a new, empty database.</summary>
    public string NewDatabase() => ScratchDatabase.Create(ServerConnectionString, "t_").ConnectionString; // the cluster is deleted whole

    /// <summary>A connection string to the cluster's maintenance database (postgres), for creating others.</summary>
    public string ServerConnectionString => ConnectionString("postgres");

    string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=40";

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    static void RunAsOwner(bool root, string program, params string[] arguments)
    {
        if (root) Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        else Run(program, arguments);
    }

    static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {output}");
    }

    public void Dispose()
    {
        if (_bin is null) return;
        try { RunAsOwner(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "stop"); }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
