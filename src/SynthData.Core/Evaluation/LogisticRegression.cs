using MathNet.Numerics.LinearAlgebra;

namespace SynthData.Core.Evaluation;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (IRLS) with step halving.
/// Minimises mean log-loss + (l2/2) |w|^2; the intercept is not penalised. The objective is strictly
/// convex for l2 &gt; 0, so the fit is unique and deterministic (no seed is needed).
/// </summary>
sealed class LogisticRegression
{
    public Vector<double> Weights { get; }
    public double Intercept { get; }

    LogisticRegression(Vector<double> weights, double intercept)
    {
        Weights = weights;
        Intercept = intercept;
    }

    public static LogisticRegression Fit(Matrix<double> features, IReadOnlyList<bool> labels, double l2, int maxIterations = 100)
    {
        if (features.RowCount != labels.Count) throw new ArgumentException("One label per row is needed.");
        if (features.RowCount == 0) throw new ArgumentException("Cannot fit a model on zero rows.");
        if (!(l2 > 0)) throw new ArgumentOutOfRangeException(nameof(l2), "The L2 penalty must be positive.");
        int n = features.RowCount, d = features.ColumnCount;
        // Append a column of ones for the intercept: theta = (w, b).
        var x = features.Append(Matrix<double>.Build.Dense(n, 1, 1.0));
        var y = Vector<double>.Build.Dense(n, i => labels[i] ? 1.0 : 0.0);
        var penalty = Vector<double>.Build.Dense(d + 1, j => j < d ? l2 : 0.0);
        var theta = Vector<double>.Build.Dense(d + 1);

        double Objective(Vector<double> t)
        {
            var margin = x * t;
            double loss = 0;
            for (int i = 0; i < n; i++)
                loss += Softplus(margin[i]) - y[i] * margin[i]; // -log-likelihood of one row
            return loss / n + 0.5 * t.PointwiseMultiply(penalty).DotProduct(t);
        }

        double current = Objective(theta);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var p = (x * theta).Map(Sigmoid);
            var gradient = x.TransposeThisAndMultiply(p - y) / n + theta.PointwiseMultiply(penalty);
            var rowWeight = p.Map(pi => pi * (1 - pi) / n);
            var weighted = x.MapIndexed((i, _, value) => value * rowWeight[i]);
            var hessian = x.TransposeThisAndMultiply(weighted) + Matrix<double>.Build.DenseOfDiagonalVector(penalty);
            hessian[d, d] += 1e-12; // keeps the intercept direction invertible when every p is 0 or 1
            var step = hessian.Cholesky().Solve(gradient);

            // Halve the Newton step until the objective does not increase (guards against overshoot).
            double scale = 1;
            Vector<double> candidate = theta - step;
            double value = Objective(candidate);
            while (value > current && scale > 1e-10)
            {
                scale /= 2;
                candidate = theta - step * scale;
                value = Objective(candidate);
            }
            if (value > current) break; // no descent left at machine precision
            theta = candidate;
            bool converged = current - value < 1e-12 * (1 + Math.Abs(current));
            current = value;
            if (converged) break;
        }
        return new LogisticRegression(theta.SubVector(0, d), theta[d]);
    }

    /// <summary>P(label = true) for each row.</summary>
    public double[] PredictProbabilities(Matrix<double> features) =>
        (features * Weights).Select(m => Sigmoid(m + Intercept)).ToArray();

    static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>log(1 + e^z) without overflow.</summary>
    static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
}
