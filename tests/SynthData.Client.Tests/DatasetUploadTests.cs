using SynthData.Api.V1;
using SynthData.Core;

namespace SynthData.Client.Tests;

public sealed class DatasetUploadTests
{
    [Fact]
    public async Task The_header_goes_first_then_every_byte_in_order_in_chunks_of_at_most_one_MiB()
    {
        // 2.5 MiB: two full chunks and a half one.
        var content = Enumerable.Range(0, 5 * DatasetUpload.ChunkBytes / 2).Select(i => (byte)(i % 253)).ToArray();
        var writer = new RecordingWriter<UploadDatasetRequest>();
        var sent = new List<long>();
        await DatasetUpload.WriteAsync(writer, new MemoryStream(content), new UploadDatasetHeader { Name = "t", Format = DataFormat.Csv }, new InlineProgress<long>(sent.Add));

        Assert.True(writer.Completed);
        Assert.Equal(UploadDatasetRequest.PayloadOneofCase.Header, writer.Messages[0].PayloadCase);
        var chunks = writer.Messages.Skip(1).ToList();
        Assert.All(chunks, m => Assert.Equal(UploadDatasetRequest.PayloadOneofCase.Chunk, m.PayloadCase));
        Assert.Equal([DatasetUpload.ChunkBytes, DatasetUpload.ChunkBytes, DatasetUpload.ChunkBytes / 2], chunks.Select(m => m.Chunk.Length));
        Assert.Equal(content, chunks.SelectMany(m => m.Chunk.ToByteArray()).ToArray());
        Assert.Equal([1L << 20, 2L << 20, content.Length], sent);
    }

    [Fact]
    public async Task An_empty_file_sends_only_the_header()
    {
        var writer = new RecordingWriter<UploadDatasetRequest>();
        await DatasetUpload.WriteAsync(writer, new MemoryStream(), new UploadDatasetHeader { Name = "empty" });
        Assert.Single(writer.Messages);
        Assert.True(writer.Completed);
    }

    [Theory]
    [InlineData("data/table.parquet", DataFormat.Parquet)]
    [InlineData("TABLE.PARQUET", DataFormat.Parquet)]
    [InlineData("table.csv", DataFormat.Csv)]
    [InlineData("table.txt", DataFormat.Csv)]
    public void The_format_follows_the_extension(string path, DataFormat expected) => Assert.Equal(expected, DatasetUpload.FormatOf(path));
}
