using System.CommandLine;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata --server URL --api-key ADMIN_KEY revoke-key KEY_ID`: AdminService.RevokeApiKey. The key is refused from
/// its next call on; the audit log keeps who revoked it.
/// </summary>
public static class RevokeKeyCommand
{
    public static Command Create()
    {
        var keyId = new Argument<string>("KEY_ID") { Description = "key id (key_..., from create-key or list-keys)" };
        var json = new Option<bool>("--json") { Description = "print the server's reply as JSON" };
        var command = new Command("revoke-key", "Revoke an API key (admin key: its own tenant's keys).") { keyId, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "revoke-key");
            var reply = await connection.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = parse.GetRequiredValue(keyId) }, cancellationToken: cancel);
            if (parse.GetValue(json)) stdout.WriteLine(ProtoJson.Format(reply));
            else stdout.WriteLine($"revoked {reply.Key.Role.ToString().ToLowerInvariant()} key {reply.Key.KeyId} of tenant {reply.Key.Tenant}");
            return 0;
        }));
        return command;
    }
}
