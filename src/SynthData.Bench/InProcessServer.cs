extern alias ServerAssembly;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using ServerHost = ServerAssembly::SynthData.Server.Hosting.ServerHost;

namespace SynthData.Bench;

/// <summary>
/// The real server (the same ServerHost as its own Program) inside this process, on 127.0.0.1 with a port the OS
/// picks, over a fresh temporary data directory that is deleted on dispose. Lets a benchmark measure the server's
/// memory from /proc/self.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    readonly WebApplication _app;

    public string Url { get; }
    public string AdminKey { get; }
    public string DataDirectory { get; }

    InProcessServer(WebApplication app, string url, string adminKey, string dataDirectory)
    {
        _app = app;
        Url = url;
        AdminKey = adminKey;
        DataDirectory = dataDirectory;
    }

    public static async Task<InProcessServer> StartAsync(CancellationToken cancel)
    {
        string dataDirectory = Directory.CreateTempSubdirectory("synthdata-bench-").FullName;
        string adminKey = "sdk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var app = ServerHost.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--SynthData:DataDirectory={dataDirectory}",
            $"--SynthData:BootstrapAdminKey={adminKey}",
            // Request logs would interleave with the figures.
            "--Logging:LogLevel:Default=Warning",
        ], console: TextWriter.Null);
        await app.StartAsync(cancel);
        // Kestrel reports the port it bound in place of 0.
        return new InProcessServer(app, app.Urls.Single(), adminKey, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { } // best effort: a leftover temp folder is harmless
    }
}
