using System.Net;

namespace SynthData.Server.Hosting;

/// <summary>
/// Refuses plaintext listening beyond this machine: API keys and uploads travel in the clear over
/// http://, which is acceptable only on loopback. Non-loopback addresses must be https:// (TLS
/// configured through Kestrel's certificate settings).
/// </summary>
public static class ListenAddressGuard
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Every URL the configuration asks Kestrel to listen on (urls / ASPNETCORE_URLS and Kestrel:Endpoints).</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls;
    }

    public static void Check(IEnumerable<string> urls)
    {
        foreach (string url in urls)
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) continue;
            if (!IsLoopback(url))
                throw new InvalidOperationException(
                    $"Refusing to serve plaintext HTTP/2 on {url}: plaintext is allowed only on loopback. Use an https:// URL with a Kestrel certificate.");
        }
    }

    static bool IsLoopback(string url)
    {
        string authority = url["http://".Length..].Split('/')[0];
        string host = authority.StartsWith('[') ? authority[1..authority.IndexOf(']')] : authority.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
