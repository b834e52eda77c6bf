using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Population;

/// <summary>Monte Carlo of the Gaussian population loss in the span of the weights: exact in distribution, and cheap when
/// the networks' hidden weights span few dimensions of a high-dimensional input space.</summary>
/// <remarks>
/// A bias-free network f(x) = Σⱼ aⱼσ(wⱼᵀx) and teacher g(x) = Σᵣ bᵣτ(uᵣᵀx) depend on x only through its projection onto
/// S = span{wⱼ, uᵣ}. With Q ∈ ℝ^{s×d} an orthonormal basis of S (rows), wᵀx = (Qw)ᵀ(Qx) for every w ∈ S, and
/// z = Qx ~ N(0, I_s) when x ~ N(0, I_d) (rotation invariance). So (f(x) − g(x))² has the law of
/// (Σⱼ aⱼσ(cⱼᵀz) − Σᵣ bᵣτ(eᵣᵀz))² with cⱼ = Qwⱼ, eᵣ = Quᵣ, z ~ N(0, I_s): the same Monte Carlo estimator of
/// E(f − g)² as sampling x in ℝ^d, at a cost of O(s(m + m_g)) per point instead of O(d(m + m_g)) (for a memoriser of n
/// samples in d = 2000, s = n + 1 ≤ 101). Q comes from two-pass modified Gram–Schmidt; a vector whose residual is at most
/// 10⁻¹² of its norm adds no direction.
/// </remarks>
public static class SpanMonteCarlo
{
    /// <summary>The mean of (f(x) − g(x))² over <paramref name="samples"/> Gaussian inputs drawn in the span of the weights,
    /// with its standard error (<see cref="PopulationMethod.MonteCarlo"/>).</summary>
    /// <param name="network">A bias-free network f.</param>
    /// <param name="teacher">A bias-free teacher g of the same input dimension.</param>
    /// <param name="samples">N ≥ 2.</param>
    /// <param name="rng">The generator (N·s Gaussian draws, s the dimension of the span).</param>
    public static PopulationValue PopulationLoss(TwoLayerNetwork network, TwoLayerNetwork teacher, int samples, Rng rng)
    {
        var values = SquaredErrors(network, teacher, samples, rng);
        double mean = 0, m2 = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        return new PopulationValue(mean, Math.Sqrt(m2 / (samples - 1) / samples), PopulationMethod.MonteCarlo, samples);
    }

    /// <summary>The <paramref name="samples"/> values (f(x) − g(x))² themselves (for bounds other than the normal one).</summary>
    public static double[] SquaredErrors(TwoLayerNetwork network, TwoLayerNetwork teacher, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        if (network.Layout.HasHiddenBias || network.Layout.HasOutputBias || teacher.Layout.HasHiddenBias || teacher.Layout.HasOutputBias)
            throw new ArgumentException("the span reduction needs bias-free networks and teachers");
        if (network.InputDimension != teacher.InputDimension)
            throw new ArgumentException($"network has input dimension {network.InputDimension}, teacher {teacher.InputDimension}");
        var weights = Enumerable.Range(0, network.Width).Select(j => network.HiddenWeight(j).ToArray())
            .Concat(Enumerable.Range(0, teacher.Width).Select(r => teacher.HiddenWeight(r).ToArray())).ToArray();
        var basis = OrthonormalBasis(weights);
        int s = basis.Count;
        var coordinates = weights.Select(w => basis.Select(q => Dot(q, w)).ToArray()).ToArray();
        var z = new double[s];
        var result = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            rng.FillGaussian(z);
            double e = 0;
            for (int j = 0; j < network.Width; j++) e += network.OutputWeight(j) * network.Activation.Value(Dot(coordinates[j], z));
            for (int r = 0; r < teacher.Width; r++) e -= teacher.OutputWeight(r) * teacher.Activation.Value(Dot(coordinates[network.Width + r], z));
            result[i] = e * e;
        }
        return result;
    }

    /// <summary>An orthonormal basis of span{vectors} by two-pass modified Gram–Schmidt (in the order given).</summary>
    internal static List<double[]> OrthonormalBasis(IReadOnlyList<double[]> vectors)
    {
        var basis = new List<double[]>();
        foreach (var v in vectors)
        {
            double norm0 = Math.Sqrt(Dot(v, v));
            if (norm0 == 0) continue;
            var u = (double[])v.Clone();
            for (int pass = 0; pass < 2; pass++)
                foreach (var q in basis)
                {
                    double c = Dot(q, u);
                    for (int k = 0; k < u.Length; k++) u[k] -= c * q[k];
                }
            double norm = Math.Sqrt(Dot(u, u));
            if (norm <= 1e-12 * norm0) continue;
            for (int k = 0; k < u.Length; k++) u[k] /= norm;
            basis.Add(u);
        }
        return basis;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
