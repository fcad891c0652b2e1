using System.CommandLine;
using System.Text.Json;
using SynthData.Bench;

namespace SynthData.Server.Tests;

/// <summary>The replica bench (synthdata-bench bench replicas), briefly, on the shared throwaway PostgreSQL: its JSON keeps the invariants it reports.</summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class ReplicaBenchTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task A_short_run_keeps_every_budget_and_claims_every_job_once()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = await new RootCommand { ReplicaBenchCommand.Create() }.Parse(
        [
            "replicas", "--json", "--postgres", postgres.ServerConnectionString,
            "--replicas", "1,3", "--clients", "8", "--datasets", "2", "--seconds", "0.5", "--jobs", "60",
        ]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        using var json = JsonDocument.Parse(output.ToString());
        var rounds = json.RootElement.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal([1, 3], rounds.Select(r => r.GetProperty("replicas").GetInt32()));
        foreach (var round in rounds)
        {
            var (spare, exhausted, claims) = (round.GetProperty("spare"), round.GetProperty("exhausted"), round.GetProperty("claims"));
            foreach (var phase in new[] { spare, exhausted })
            {
                var check = phase.GetProperty("check");
                Assert.Equal(0, check.GetProperty("over_budget").GetInt32());
                Assert.Equal(phase.GetProperty("admitted").GetInt32(), check.GetProperty("recorded_runs").GetInt32()); // each admission recorded once
                Assert.Empty(phase.GetProperty("failures").EnumerateObject());
            }
            Assert.True(spare.GetProperty("admitted").GetInt32() > 0);
            Assert.Equal(0, spare.GetProperty("refused").GetInt32());
            // 8 clients for 0.5 s make hundreds of attempts on 2 datasets (calls take milliseconds): each dataset is
            // tried far more than the 3 times its budget fits (a binomial shortfall has negligible probability), so
            // exactly 3 runs are admitted on each and the rest refused.
            Assert.Equal(3, exhausted.GetProperty("check").GetProperty("runs_fit").GetInt32());
            Assert.Equal(3, exhausted.GetProperty("check").GetProperty("most_runs_on_one_dataset").GetInt32());
            Assert.Equal(6, exhausted.GetProperty("admitted").GetInt32());
            Assert.True(exhausted.GetProperty("refused").GetInt32() > 0);

            Assert.Equal(60, claims.GetProperty("claimed").GetInt32());
            Assert.Equal(60, claims.GetProperty("distinct").GetInt32()); // none claimed twice
            Assert.Equal(0, claims.GetProperty("not_succeeded").GetInt32()); // none left queued
            Assert.True(claims.GetProperty("exactly_once").GetBoolean());
        }
        Assert.True(json.RootElement.GetProperty("holds").GetBoolean());
        Assert.True(code == 0, error.ToString()); // the bench's own verdict, checked after the figures so a failure names one
        Assert.Contains("cores of this machine", json.RootElement.GetProperty("machine").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_is_a_clear_error_without_the_password()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = await new RootCommand { ReplicaBenchCommand.Create() }.Parse(
            ["replicas", "--postgres", "Host=127.0.0.1;Port=1;Username=u;Password=hunter2-secret;Database=sd;Timeout=2"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(2, code);
        Assert.StartsWith("error: cannot create a scratch database on the PostgreSQL server at 127.0.0.1:1/sd", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString() + output, StringComparison.Ordinal);
    }
}
