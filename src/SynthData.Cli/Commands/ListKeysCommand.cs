using System.CommandLine;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata --server URL --api-key ADMIN_KEY list-keys [--tenant T]`: AdminService.ListApiKeys. One line per key
/// (id, tenant, role, created, revoked, label); the server never returns a secret or its hash.
/// </summary>
public static class ListKeysCommand
{
    public static Command Create()
    {
        var tenant = new Option<string?>("--tenant") { Description = "tenant name (an admin's own by default; the operator: all tenants by default)" };
        var json = new Option<bool>("--json") { Description = "print the server's reply as JSON" };
        var command = new Command("list-keys", "List API keys (admin key: its own tenant; operator key: any tenant).") { tenant, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "list-keys");
            var reply = await connection.Admin.ListApiKeysAsync(new ListApiKeysRequest { Tenant = parse.GetValue(tenant) ?? "" }, cancellationToken: cancel);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ProtoJson.Format(reply));
                return 0;
            }
            foreach (var key in reply.Keys)
                stdout.WriteLine(FormattableString.Invariant(
                    $"{key.KeyId}  {key.Tenant}  {key.Role.ToString().ToLowerInvariant()}  {key.CreateTime.ToDateTimeOffset():yyyy-MM-dd HH:mm}Z  {(key.Revoked ? "revoked" : "active")}  {key.Label}"));
            return 0;
        }));
        return command;
    }
}
