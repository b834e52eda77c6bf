using System.Numerics.Tensors;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Estimators;

/// <summary>Hutch++: a low-rank sketch plus Hutchinson on the deflated remainder.</summary>
/// <remarks>
/// With a budget of s products: S (P × s/3) Rademacher, Q = orth(AS), tr A ≈ tr(QᵀAQ) + (1/(s/3)) Σ gᵀ(I−QQᵀ)A(I−QQᵀ)g
/// over s/3 Rademacher probes g. For PSD A this reaches (1 ± ε) with O(1/ε) products instead of O(1/ε²). The
/// standard error is that of the Hutchinson part (the sketch part is exact given S). Meyer, Musco, Musco, Woodruff,
/// "Hutch++: Optimal Stochastic Trace Estimation", SOSA 2021; paper A specification F7.
/// </remarks>
public static class HutchPlusPlus
{
    /// <summary>Estimates tr A with <paramref name="products"/> operator products (at least 6; sketch dimension s/3).</summary>
    public static TraceEstimate Estimate(ISymmetricOperator op, int products, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (products < 6) throw new ArgumentOutOfRangeException(nameof(products), "Hutch++ needs at least 6 products");
        int p = op.Dimension;
        int k = products / 3;
        int probes = products - 2 * k;
        var rng = new Rng(seed);
        var q = new List<double[]>();
        var sketch = new double[p];
        var y = new double[p];
        for (int c = 0; c < k; c++)
        {
            rng.FillRademacher(sketch);
            op.Multiply(sketch, y);
            // Orthonormalise against Q (twice), keep it if it carries new directions.
            var v = y.ToArray();
            for (int pass = 0; pass < 2; pass++)
                foreach (var b in q) TensorPrimitives.MultiplyAdd(b, -TensorPrimitives.Dot(b, v), v, v);
            double norm = TensorPrimitives.Norm(v);
            if (norm > 1e-12 * Math.Max(1.0, TensorPrimitives.Norm(y)))
            {
                TensorPrimitives.Multiply(v, 1.0 / norm, v);
                q.Add(v);
            }
        }
        double low = 0;
        var aq = new double[p];
        foreach (var b in q)
        {
            op.Multiply(b, aq);
            low += TensorPrimitives.Dot(b, aq);
        }
        var g = new double[p];
        var ag = new double[p];
        var samples = new double[probes];
        for (int s = 0; s < probes; s++)
        {
            rng.FillRademacher(g);
            foreach (var b in q) TensorPrimitives.MultiplyAdd(b, -TensorPrimitives.Dot(b, g), g, g);
            op.Multiply(g, ag);
            samples[s] = TensorPrimitives.Dot(g, ag);
        }
        var rest = Hutchinson.Summarise(samples, probes);
        int used = k + q.Count + probes;
        return new TraceEstimate(low + rest.Value, rest.StandardError, used, probes);
    }
}
