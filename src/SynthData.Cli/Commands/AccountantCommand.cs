using SynthData.Core;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;
using System.CommandLine;
using System.Text.Json;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata accountant`: the epsilon of T Poisson-sampled Gaussian steps under both accountants, and
/// `synthdata accountant calibrate`: the smallest noise multiplier meeting a target. Pure arithmetic on
/// public parameters: no data is read.
/// </summary>
public static class AccountantCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var noise = new Option<double>("--noise-multiplier") { Description = "noise multiplier sigma (noise std / clipping norm)", Required = true };
        var command = new Command("accountant", "Epsilon of DP-SGD (T Poisson-sampled Gaussian steps) under the RDP and the tight PLD accountant.");
        common.AddTo(command);
        command.Add(noise);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var (q, steps, delta, json) = common.Read(parse);
            double sigma = parse.GetValue(noise);
            if (!(sigma > 0)) throw new InvalidInputException($"--noise-multiplier must be positive; got {sigma}.");
            var report = new BestOfAccountants().Report(NoiseCalibrator.TrainingEvent(q, sigma, steps), delta);
            if (json)
                Print(stdout, new AccountantOutput
                {
                    SamplingRate = q,
                    NoiseMultiplier = sigma,
                    Steps = steps,
                    Delta = delta,
                    Rdp = report.Rdp.Epsilon,
                    Tight = report.Tight.Epsilon,
                    TightErrorBound = report.Tight.EpsilonError,
                    Epsilon = report.Best.Epsilon,
                    Accountant = report.Best.Accountant,
                });
            else
            {
                stdout.WriteLine($"DP-SGD: q = {q:G6}, sigma = {sigma:G6}, T = {steps} steps, delta = {delta:G3}");
                stdout.WriteLine($"  RDP:   epsilon = {report.Rdp.Epsilon:F4}");
                stdout.WriteLine($"  tight: epsilon = {report.Tight.Epsilon:F4} (PLD, error bound {report.Tight.EpsilonError:G3})");
                stdout.WriteLine($"  quoted: epsilon = {report.Best.Epsilon:F4} ({report.Best.Accountant}: the smaller valid bound)");
            }
            return Task.FromResult(0);
        }));
        command.Add(Calibrate());
        return command;
    }

    static Command Calibrate()
    {
        var common = new CommonOptions();
        var epsilon = new Option<double>("--epsilon") { Description = "target epsilon", Required = true };
        var command = new Command("calibrate", "Smallest noise multiplier whose tight (PLD) epsilon meets the target.");
        common.AddTo(command);
        command.Add(epsilon);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var (q, steps, delta, json) = common.Read(parse);
            double target = parse.GetValue(epsilon);
            if (!(target > 0) || double.IsInfinity(target)) throw new InvalidInputException($"--epsilon must be positive and finite; got {target}.");
            var calibrated = new NoiseCalibrator().Calibrate(target, delta, q, steps, new ComposedEvent([]));
            var rdp = new RdpAccountant().GetEpsilon(calibrated.TrainingEvent, delta);
            if (json)
                Print(stdout, new CalibrationOutput(q, steps, delta, target, calibrated.NoiseMultiplier, calibrated.Guarantee.Epsilon, rdp.Epsilon));
            else
                stdout.WriteLine($"noise multiplier {calibrated.NoiseMultiplier:G6}: tight epsilon {calibrated.Guarantee.Epsilon:F4} " +
                                  $"(target {target:G4}; RDP would give {rdp.Epsilon:F4}) at delta {delta:G3}, q = {q:G6}, T = {steps}");
            return Task.FromResult(0);
        }));
        return command;
    }

    static void Print<T>(TextWriter stdout, T value) => stdout.WriteLine(JsonSerializer.Serialize(value, SynthDataJson.Options));

    sealed record AccountantOutput
    {
        public required double SamplingRate { get; init; }
        public required double NoiseMultiplier { get; init; }
        public required long Steps { get; init; }
        public required double Delta { get; init; }
        public required double Rdp { get; init; }
        public required double Tight { get; init; }
        public required double TightErrorBound { get; init; }
        public required double Epsilon { get; init; }
        public required string Accountant { get; init; }
    }

    sealed record CalibrationOutput(double SamplingRate, long Steps, double Delta, double TargetEpsilon,
        double NoiseMultiplier, double Tight, double Rdp);

    /// <summary>The options both subcommands share: sampling rate, steps, delta, --json.</summary>
    sealed class CommonOptions
    {
        readonly Option<double> _q = new("--sampling-rate") { Description = "Poisson sampling rate q in (0, 1]", Required = true };
        readonly Option<long> _steps = new("--steps") { Description = "number of DP-SGD steps T", Required = true };
        readonly Option<double> _delta = new("--delta") { Description = "target delta in (0, 1)", Required = true };
        readonly Option<bool> _json = new("--json") { Description = "print a JSON object" };

        public void AddTo(Command command)
        {
            command.Add(_q);
            command.Add(_steps);
            command.Add(_delta);
            command.Add(_json);
        }

        public (double Q, long Steps, double Delta, bool Json) Read(ParseResult parse)
        {
            double q = parse.GetValue(_q), delta = parse.GetValue(_delta);
            long steps = parse.GetValue(_steps);
            if (!(q > 0 && q <= 1)) throw new InvalidInputException($"--sampling-rate must lie in (0, 1]; got {q}.");
            if (steps < 1) throw new InvalidInputException($"--steps must be at least 1; got {steps}.");
            if (!(delta > 0 && delta < 1)) throw new InvalidInputException($"--delta must lie in (0, 1); got {delta}.");
            return (q, steps, delta, parse.GetValue(_json));
        }
    }
}
