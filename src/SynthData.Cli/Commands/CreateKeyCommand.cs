using System.CommandLine;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata --server URL --api-key ADMIN_KEY create-key --tenant T --role owner|reviewer|consumer|admin|operator [--label L]`:
/// AdminService.CreateApiKey. The new key is printed once; the server keeps only its hash. A tenant's admin creates
/// keys of its own tenant; the operator key (printed at the server's first start) creates tenants' admin keys.
/// </summary>
public static class CreateKeyCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "tenant name (created when new); the isolation boundary of datasets, jobs and models", Required = true };
        var role = new Option<string>("--role") { Description = "owner, reviewer, consumer or admin (operator: the server refuses it, there is one operator key)", Required = true };
        role.AcceptOnlyFromAmong("owner", "reviewer", "consumer", "admin", "operator");
        var label = new Option<string?>("--label") { Description = "who holds the key (shown in the audit log)" };
        var json = new Option<bool>("--json") { Description = "print the server's reply as JSON" };
        var command = new Command("create-key", "Create an API key (admin key: its own tenant; operator key: a tenant's admin key).") { tenant, role, label, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "create-key");
            var request = new CreateApiKeyRequest
            {
                Tenant = parse.GetRequiredValue(tenant),
                Role = Enum.Parse<Role>(parse.GetRequiredValue(role), ignoreCase: true),
                Label = parse.GetValue(label) ?? "",
            };
            var reply = await connection.Admin.CreateApiKeyAsync(request, cancellationToken: cancel);
            if (parse.GetValue(json)) stdout.WriteLine(ProtoJson.Format(reply));
            else
            {
                stderr.WriteLine($"created {reply.Role.ToString().ToLowerInvariant()} key {reply.KeyId} for tenant {request.Tenant} (shown once, keep it safe):");
                stdout.WriteLine(reply.ApiKey);
            }
            return 0;
        }));
        return command;
    }
}
