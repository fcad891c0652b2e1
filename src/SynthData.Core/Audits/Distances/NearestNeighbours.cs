using SynthData.Core.Tabular;
using TorchSharp;
using static TorchSharp.torch;

namespace SynthData.Core.Audits.Distances;

/// <summary>
/// Exact nearest-neighbour search under <see cref="GowerDistance"/>, batched over the query rows
/// with TorchSharp on the CPU (torch's default thread count). Per column the Gower term is built as
/// follows, so that the L1 distance of the encodings is exactly the Gower sum:
/// <list type="bullet">
/// <item>numeric columns whose scaled values s = (x - min)/range span at most 1 over both tables
/// (so the cap at 1 never bites) become the feature t = s - lowest s in [0, 1]; if the column has
/// missing cells, two features (t/2, -t/2) instead, with a missing cell at (1/2, 1/2): L1 then gives
/// |t_a - t_b|, 1 against missing, 0 between two missing cells; all these go through one
/// torch.cdist(p = 1);</item>
/// <item>categorical columns with at most <see cref="OneHotLimit"/> labels (missing is a label) become
/// one-hot vectors, and their mismatch count is (number of such columns) - onehot_q . onehot_r, one
/// matrix product (BLAS) per batch;</item>
/// <item>numeric columns with a wider spread get an explicit capped term min(|s_a - s_b|, 1) (a
/// missing cell is moved 2 beyond the largest value, so it is capped to 1 against any present
/// value), and high-cardinality categorical columns an explicit label-inequality term.</item>
/// </list>
/// Memory is bounded: each (batch x reference) distance matrix stays under half of
/// maxBatchMatrixBytes, leaving room for one temporary of the same size.
/// </summary>
public static class NearestNeighbours
{
    /// <summary>Categorical columns with at most this many labels (missing included) are one-hot encoded.</summary>
    internal const int OneHotLimit = 256;

    /// <summary>Finds, for every query row, its nearest and second-nearest reference rows by Gower distance.</summary>
    public static NearestNeighbourResult Find(
        TabularData queries,
        TabularData reference,
        GowerDistance distance,
        long maxBatchMatrixBytes = 256L * 1024 * 1024)
    {
        var queryColumns = distance.ColumnIndices(queries, nameof(queries));
        var referenceColumns = distance.ColumnIndices(reference, nameof(reference));
        int nq = queries.RowCount, nr = reference.RowCount;
        if (nr == 0) throw new InvalidInputException("The reference table has no rows.");
        if (nq == 0) return new NearestNeighbourResult([], [], []);

        var encoding = new Encoding(nq, nr);
        for (int c = 0; c < distance.Columns.Count; c++)
        {
            if (distance.IsNumeric[c])
                encoding.AddNumeric(queries.Numeric(queryColumns[c]), reference.Numeric(referenceColumns[c]), distance.Minimums[c], distance.Ranges[c]);
            else
                encoding.AddCategorical(queries.Labels(queryColumns[c]), reference.Labels(referenceColumns[c]));
        }

        int batch = (int)Math.Clamp(maxBatchMatrixBytes / 2 / (4L * nr), 1, nq);
        var nearestIndex = new int[nq];
        var nearest = new double[nq];
        var second = new double[nq];
        Array.Fill(second, double.PositiveInfinity);
        double columnCount = distance.Columns.Count;

        using var queryFeatures = encoding.QueryFeatures();
        using var referenceFeatures = encoding.ReferenceFeatures();
        using var queryOneHot = encoding.QueryOneHot();
        using var referenceOneHot = encoding.ReferenceOneHot();
        using var queryExplicit = encoding.QueryExplicit();
        using var referenceExplicit = encoding.ReferenceExplicit();
        for (int start = 0; start < nq; start += batch)
        {
            using var scope = NewDisposeScope();
            int length = Math.Min(batch, nq - start);
            var sums = encoding.FeatureCount > 0
                ? cdist(queryFeatures.narrow(0, start, length), referenceFeatures, p: 1.0)
                : zeros(length, nr, ScalarType.Float32);
            if (encoding.OneHotColumns > 0)
            {
                // Label mismatches = labelled columns - matching labels = C - onehot_q . onehot_r.
                sums.addmm_(queryOneHot.narrow(0, start, length), referenceOneHot.t(), beta: 1, alpha: -1);
                sums.add_(encoding.OneHotColumns);
            }
            for (int e = 0; e < encoding.ExplicitKinds.Count; e++)
            {
                var q = queryExplicit[e].narrow(0, start, length).unsqueeze(1);
                var r = referenceExplicit[e].unsqueeze(0);
                if (encoding.ExplicitKinds[e] == ExplicitKind.CappedDifference)
                    sums.add_((q - r).abs_().clamp_max_(1.0));
                else
                    sums.add_(q.ne(r).to_type(ScalarType.Float32));
            }
            // Two passes of min (with the winner masked out) are far cheaper than topk on a wide matrix.
            var (best, bestIndex) = sums.min(1);
            var bestArray = best.data<float>().ToArray();
            var indexArray = bestIndex.data<long>().ToArray();
            float[]? secondArray = null;
            if (nr > 1)
            {
                sums.scatter_(1, bestIndex.unsqueeze(1), full([length, 1], float.PositiveInfinity));
                secondArray = sums.min(1).values.data<float>().ToArray();
            }
            for (int i = 0; i < length; i++)
            {
                nearestIndex[start + i] = (int)indexArray[i];
                nearest[start + i] = bestArray[i] / columnCount;
                if (secondArray is not null) second[start + i] = secondArray[i] / columnCount;
            }
        }
        return new NearestNeighbourResult(nearestIndex, nearest, second);
    }

    enum ExplicitKind { CappedDifference, LabelInequality }

    /// <summary>Column-by-column construction of the cdist features and the explicit terms.</summary>
    sealed class Encoding(int queryRows, int referenceRows)
    {
        readonly List<float[]> _queryFeatures = [], _referenceFeatures = [];
        readonly List<float[]> _queryOneHot = [], _referenceOneHot = [];
        readonly List<float[]> _queryExplicit = [], _referenceExplicit = [];
        public List<ExplicitKind> ExplicitKinds { get; } = [];
        public int FeatureCount => _queryFeatures.Count;
        public int OneHotColumns { get; private set; }

        public void AddNumeric(double[] query, double[] reference, double minimum, double range)
        {
            var q = query.Select(x => (x - minimum) / range).ToArray();
            var r = reference.Select(x => (x - minimum) / range).ToArray();
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            foreach (var s in q.Concat(r))
            {
                if (double.IsNaN(s)) continue;
                low = Math.Min(low, s);
                high = Math.Max(high, s);
            }
            if (double.IsPositiveInfinity(low)) return; // every cell missing: every term is 0
            if (high - low <= 1 && !q.Any(double.IsNaN) && !r.Any(double.IsNaN))
            {
                _queryFeatures.Add(q.Select(s => (float)(s - low)).ToArray());
                _referenceFeatures.Add(r.Select(s => (float)(s - low)).ToArray());
                return;
            }
            if (high - low <= 1)
            {
                _queryFeatures.Add(q.Select(s => double.IsNaN(s) ? 0.5f : (float)((s - low) / 2)).ToArray());
                _queryFeatures.Add(q.Select(s => double.IsNaN(s) ? 0.5f : (float)(-(s - low) / 2)).ToArray());
                _referenceFeatures.Add(r.Select(s => double.IsNaN(s) ? 0.5f : (float)((s - low) / 2)).ToArray());
                _referenceFeatures.Add(r.Select(s => double.IsNaN(s) ? 0.5f : (float)(-(s - low) / 2)).ToArray());
                return;
            }
            // Centre on the midpoint so float32 keeps as much precision as the spread allows.
            double centre = (low + high) / 2, missing = high - centre + 2;
            _queryExplicit.Add(q.Select(s => double.IsNaN(s) ? (float)missing : (float)(s - centre)).ToArray());
            _referenceExplicit.Add(r.Select(s => double.IsNaN(s) ? (float)missing : (float)(s - centre)).ToArray());
            ExplicitKinds.Add(ExplicitKind.CappedDifference);
        }

        public void AddCategorical(string?[] query, string?[] reference)
        {
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            const int missingCode = 0;
            int Code(string? label)
            {
                if (label is null) return missingCode;
                if (!codes.TryGetValue(label, out int code)) codes[label] = code = codes.Count + 1;
                return code;
            }
            var q = query.Select(Code).ToArray();
            var r = reference.Select(Code).ToArray();
            int labels = codes.Count + 1;
            if (labels <= OneHotLimit)
            {
                for (int k = 0; k < labels; k++)
                {
                    _queryOneHot.Add(q.Select(code => code == k ? 1f : 0f).ToArray());
                    _referenceOneHot.Add(r.Select(code => code == k ? 1f : 0f).ToArray());
                }
                OneHotColumns++;
                return;
            }
            _queryExplicit.Add(q.Select(code => (float)code).ToArray());
            _referenceExplicit.Add(r.Select(code => (float)code).ToArray());
            ExplicitKinds.Add(ExplicitKind.LabelInequality);
        }

        public Tensor QueryFeatures() => RowMajor(_queryFeatures, queryRows);
        public Tensor ReferenceFeatures() => RowMajor(_referenceFeatures, referenceRows);
        public Tensor QueryOneHot() => RowMajor(_queryOneHot, queryRows);
        public Tensor ReferenceOneHot() => RowMajor(_referenceOneHot, referenceRows);
        public Tensor QueryExplicit() => Stacked(_queryExplicit, queryRows);
        public Tensor ReferenceExplicit() => Stacked(_referenceExplicit, referenceRows);

        /// <summary>[rows, features] from per-feature columns.</summary>
        static Tensor RowMajor(List<float[]> features, int rows)
        {
            int f = features.Count;
            var data = new float[(long)rows * f];
            for (int j = 0; j < f; j++)
            {
                var column = features[j];
                for (int i = 0; i < rows; i++) data[(long)i * f + j] = column[i];
            }
            return tensor(data, [rows, f]);
        }

        /// <summary>[terms, rows]: one row per explicit term.</summary>
        static Tensor Stacked(List<float[]> terms, int rows)
        {
            var data = new float[(long)terms.Count * rows];
            for (int e = 0; e < terms.Count; e++) Array.Copy(terms[e], 0, data, (long)e * rows, rows);
            return tensor(data, [terms.Count, rows]);
        }
    }
}
