namespace SynthData.Core.Audits.Statistics;

/// <summary>
/// One operating point of a membership classifier that says "member" when score &gt;= Threshold.
/// The first point of a curve uses Threshold = +infinity (nobody is called a member).
/// </summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
