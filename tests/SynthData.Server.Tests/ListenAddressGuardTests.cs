using SynthData.Server.Hosting;

namespace SynthData.Server.Tests;

public sealed class ListenAddressGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://0.0.0.0:5443")]
    [InlineData("https://*:5443")]
    public void Loopback_plaintext_and_any_tls_address_are_allowed(string url) => ListenAddressGuard.Check([url]);

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://[::]:5080")]
    public void Plaintext_beyond_loopback_is_refused(string url) =>
        Assert.Throws<InvalidOperationException>(() => ListenAddressGuard.Check(["http://127.0.0.1:5080", url]));
}
