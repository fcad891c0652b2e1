using Google.Protobuf;
using SynthData.Api.V1;
using SynthData.Core;
using System.Security.Cryptography;

namespace SynthData.Client.Tests;

public sealed class GeneratedFileReceiverTests
{
    // Bytes that stand in for a Parquet file: the receiver checks length and hash, not the format.
    static readonly byte[] File3Chunks = Enumerable.Range(0, 2500).Select(i => (byte)(i * 31 % 251)).ToArray();

    static GenerateResponse Header(long rows = 1000) =>
        new() { Header = new GenerationHeader { GovernanceJson = "{\"privacy\":{\"epsilon\":1.5}}", SoftwareVersion = "0.1.0", Rows = rows } };

    static IEnumerable<GenerateResponse> Chunks(byte[] content, int size = 1000)
    {
        for (int offset = 0; offset < content.Length; offset += size)
            yield return new GenerateResponse { ParquetChunk = ByteString.CopyFrom(content, offset, Math.Min(size, content.Length - offset)) };
    }

    static GenerateResponse Summary(byte[] content, long rows = 1000, long? bytes = null, string? sha256 = null) => new()
    {
        Summary = new GenerationSummary { Rows = rows, Bytes = bytes ?? content.Length, Sha256 = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(content)) },
    };

    static IEnumerable<GenerateResponse> WholeFile(byte[] content) => [Header(), .. Chunks(content), Summary(content)];

    static async Task<GeneratedFileException> Refused(IEnumerable<GenerateResponse> messages) =>
        await Assert.ThrowsAsync<GeneratedFileException>(() => GeneratedFileReceiver.ReceiveAsync(new ReplayedStream<GenerateResponse>(messages), new MemoryStream()));

    [Fact]
    public async Task A_whole_file_is_written_in_order_and_its_header_and_summary_returned()
    {
        var destination = new MemoryStream();
        var reports = new List<GenerationProgress>();
        var file = await GeneratedFileReceiver.ReceiveAsync(new ReplayedStream<GenerateResponse>(WholeFile(File3Chunks)), destination, new InlineProgress<GenerationProgress>(reports.Add));

        Assert.Equal(File3Chunks, destination.ToArray());
        Assert.Equal(1000, file.Rows);
        Assert.Equal(File3Chunks.Length, file.Bytes);
        Assert.Contains("epsilon", file.GovernanceJson);
        // One report for the header, one per chunk (bytes so far), one when verified.
        Assert.Equal([0L, 1000, 2000, 2500, 2500], reports.Select(r => r.BytesReceived));
        Assert.Equal([false, false, false, false, true], reports.Select(r => r.Complete));
    }

    [Fact]
    public async Task A_stream_cut_before_the_summary_is_refused()
    {
        var e = await Refused([Header(), .. Chunks(File3Chunks).Take(2)]);
        Assert.Contains("without the summary", e.Message);
    }

    [Fact]
    public async Task A_wrong_hash_is_refused()
    {
        var corrupted = (byte[])File3Chunks.Clone();
        corrupted[1234] ^= 1; // one flipped bit: same length, different SHA-256
        var e = await Refused([Header(), .. Chunks(corrupted), Summary(File3Chunks)]);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public async Task A_length_different_from_the_summary_is_refused()
    {
        var e = await Refused([Header(), .. Chunks(File3Chunks), Summary(File3Chunks, bytes: File3Chunks.Length + 1)]);
        Assert.Contains("2,501", e.Message);
    }

    [Fact]
    public async Task Messages_out_of_order_are_refused()
    {
        Assert.Contains("before the header", (await Refused([.. Chunks(File3Chunks), Summary(File3Chunks)])).Message);
        Assert.Contains("second header", (await Refused([Header(), Header(), .. Chunks(File3Chunks), Summary(File3Chunks)])).Message);
        Assert.Contains("after the summary", (await Refused([.. WholeFile(File3Chunks), .. Chunks(File3Chunks).Take(1)])).Message);
        Assert.Contains("ended before the header", (await Refused([])).Message);
        Assert.Contains("rows", (await Refused([Header(rows: 999), .. Chunks(File3Chunks), Summary(File3Chunks)])).Message);
    }

    [Fact]
    public async Task A_file_appears_at_its_path_only_when_whole_and_a_failure_leaves_the_old_file_and_no_partial()
    {
        string folder = Directory.CreateTempSubdirectory("synthdata-client-tests").FullName;
        try
        {
            string path = Path.Combine(folder, "new-folder", "synthetic.parquet"); // the folder is created
            await GeneratedFileReceiver.ReceiveToFileAsync(new ReplayedStream<GenerateResponse>(WholeFile(File3Chunks)), path);
            Assert.Equal(File3Chunks, await File.ReadAllBytesAsync(path));
            Assert.False(File.Exists(path + GeneratedFileReceiver.PartialSuffix));

            var truncated = new ReplayedStream<GenerateResponse>([Header(), .. Chunks(new byte[3000])]);
            await Assert.ThrowsAsync<GeneratedFileException>(() => GeneratedFileReceiver.ReceiveToFileAsync(truncated, path));
            Assert.Equal(File3Chunks, await File.ReadAllBytesAsync(path)); // the earlier whole file is untouched
            Assert.False(File.Exists(path + GeneratedFileReceiver.PartialSuffix));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
