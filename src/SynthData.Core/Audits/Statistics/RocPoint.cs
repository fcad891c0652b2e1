namespace SynthData.Core.Audits.Statistics;

/// <summary>
/// One operating point of a membership classifier that says "member" when score &gt;= Threshold.
/// The first point of a curve uses Threshold = +infinity (nobody is called a member).
/// </summary>
/// <param name="FalsePositiveRate">Share of non-members called members at this threshold.</param>
/// <param name="TruePositiveRate">Share of members called members at this threshold.</param>
/// <param name="Threshold">Lowest score called "member".</param>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
