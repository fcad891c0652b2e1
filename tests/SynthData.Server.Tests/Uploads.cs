using Google.Protobuf;
using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>Client side of UploadDataset: a header, then the bytes in 64 KiB chunks.</summary>
static class Uploads
{
    public static async Task<Dataset> UploadAsync(CallInvoker invoker, byte[] content, DataFormat format, string name, string schemaJson = "", string policyId = "")
    {
        using var call = new DatasetService.DatasetServiceClient(invoker).UploadDataset();
        try
        {
            await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadDatasetHeader { Name = name, Format = format, SchemaJson = schemaJson, PolicyId = policyId } });
            for (int offset = 0; offset < content.Length; offset += 1 << 16)
            {
                int length = Math.Min(1 << 16, content.Length - offset);
                await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(content, offset, length) });
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server ended the call early (refusal); its status comes with the response, below.
        }
        return await call.ResponseAsync;
    }

    public static Task<Dataset> UploadBankAsync(CallInvoker invoker, string policyId = "") =>
        UploadAsync(invoker, File.ReadAllBytes(TestFiles.BankCsv), DataFormat.Csv, "bank-marketing", File.ReadAllText(TestFiles.BankSchema), policyId);
}
