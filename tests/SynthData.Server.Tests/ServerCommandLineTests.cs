using SynthData.Server.Hosting;

namespace SynthData.Server.Tests;

public sealed class ServerCommandLineTests
{
    [Fact]
    public void Configuration_tokens_pass_through_untouched_even_when_they_look_like_response_files_or_bundles()
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--SynthData:ConnectionString=Host=h;Password=@secret", "@notafile", "-abc"];
        var parse = ServerCommandLine.Parse(args);
        Assert.Empty(parse.Errors);
        Assert.Equal(args, parse.UnmatchedTokens);
        Assert.NotEqual("check", parse.CommandResult.Command.Name);
    }

    [Fact]
    public async Task Check_writes_to_the_invocation_output_and_exits_2_on_a_problem()
    {
        string directory = TestFiles.NewTempDirectory();
        File.WriteAllText(Path.Combine(directory, "synthdata.db"), "not a database");
        var parse = ServerCommandLine.Parse(["check", $"--SynthData:DataDirectory={directory}"]);
        Assert.Equal("check", parse.CommandResult.Command.Name);
        var output = new StringWriter();
        parse.InvocationConfiguration.Output = output;
        Assert.Equal(2, await parse.InvokeAsync());
        Assert.Contains("problem:", output.ToString(), StringComparison.Ordinal);
    }
}
