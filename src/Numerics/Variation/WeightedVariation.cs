using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Variation;

/// <summary>A weight g(u, t) on S^{d−1} × ℝ (direction u of length d, threshold t).</summary>
public delegate double DirectionalWeight(ReadOnlySpan<double> u, double t);

/// <summary>One ReLU neuron in paper B's normal form a·φ(uᵀx − t), ‖u‖ = 1.</summary>
/// <param name="Direction">u = w/‖w‖.</param>
/// <param name="Threshold">t; with this library's neuron a·σ(wᵀx + b), t = −b/‖w‖.</param>
/// <param name="Coefficient">a = v‖w‖ (the sign belongs to v).</param>
public sealed record NormalizedNeuron(double[] Direction, double Threshold, double Coefficient);

/// <summary>The V_g seminorm |f_θ|_{V_g} of a finite ReLU network (paper B spec §4, Example 3.1, [derived] merge).</summary>
/// <remarks>
/// Each neuron vₖσ(wₖᵀx + bₖ) with wₖ ≠ 0 becomes (uₖ, tₖ, aₖ) = (wₖ/‖wₖ‖, −bₖ/‖wₖ‖, vₖ‖wₖ‖) (paper B writes
/// vφ(wᵀx − b), so its b is minus this library's). Because φ(−z) = φ(z) − z, a neuron at (−u, −t) with coefficient a
/// equals one at (u, t) with coefficient a plus the affine function −a(uᵀx − t), which the seminorm ignores; so
/// neurons with equal (u, t) and antipodal neurons merge by adding their a, and the reduced value is
/// |f_θ|_{V_g} = Σ_groups |Σ a| g(u, t) for a weight with g(u, t) = g(−u, −t). The raw weighted path norm
/// Σₖ |aₖ| g(uₖ, tₖ) is ≥ the reduced value (triangle inequality).
/// </remarks>
public static class WeightedVariation
{
    /// <summary>The normal form (u, t, a) of every neuron with w ≠ 0, in neuron order.</summary>
    /// <exception cref="ArgumentException">The activation is not ReLU.</exception>
    public static IReadOnlyList<NormalizedNeuron> Normalize(TwoLayerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Activation is not Relu) throw new ArgumentException("the V_g seminorm is defined for ReLU networks");
        var list = new List<NormalizedNeuron>();
        for (int k = 0; k < network.Width; k++)
        {
            var w = network.HiddenWeight(k);
            double norm = 0;
            foreach (double v in w) norm += v * v;
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            var u = new double[w.Length];
            for (int i = 0; i < u.Length; i++) u[i] = w[i] / norm;
            list.Add(new NormalizedNeuron(u, -network.HiddenBias(k) / norm, network.OutputWeight(k) * norm));
        }
        return list;
    }

    /// <summary>Merges neurons with equal (u, t) and antipodal ones (−u, −t) by adding coefficients; each group is
    /// reported at the representative whose first non-zero direction entry is positive.</summary>
    /// <param name="neurons">Normal forms.</param>
    /// <param name="tolerance">Two (u, t) pairs are equal when every entry differs by at most this (default 1e-12).</param>
    public static IReadOnlyList<NormalizedNeuron> Merge(IReadOnlyList<NormalizedNeuron> neurons, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        var groups = new List<(double[] U, double T, double A)>();
        foreach (var n in neurons)
        {
            var (u, t) = Canonical(n.Direction, n.Threshold);
            int found = groups.FindIndex(g => Same(g.U, g.T, u, t, tolerance));
            if (found < 0) groups.Add((u, t, n.Coefficient));
            else groups[found] = (groups[found].U, groups[found].T, groups[found].A + n.Coefficient);
        }
        return groups.Select(g => new NormalizedNeuron(g.U, g.T, g.A)).ToList();
    }

    /// <summary>The reduced |f_θ|_{V_g} = Σ_groups |Σa| g(u, t) for a symmetric weight g.</summary>
    public static double Reduced(TwoLayerNetwork network, DirectionalWeight weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        double sum = 0;
        foreach (var n in Merge(Normalize(network)))
            if (n.Coefficient != 0) sum += Math.Abs(n.Coefficient) * weight(n.Direction, n.Threshold);
        return sum;
    }

    /// <summary>The raw weighted path norm Σₖ |vₖ|‖wₖ‖ g(uₖ, tₖ) (no merging), what Theorem 3.2's proof bounds.</summary>
    public static double Raw(TwoLayerNetwork network, DirectionalWeight weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        double sum = 0;
        foreach (var n in Normalize(network)) sum += Math.Abs(n.Coefficient) * weight(n.Direction, n.Threshold);
        return sum;
    }

    /// <summary>The reduced |f_θ|_{V_g} with the empirical plug-in weight of the data's inputs.</summary>
    public static double Reduced(TwoLayerNetwork network, Dataset data) => Reduced(network, EmpiricalWeight(data));

    /// <summary>The empirical weight of <see cref="DataDependentWeight.Weight"/> as a <see cref="DirectionalWeight"/>.</summary>
    public static DirectionalWeight EmpiricalWeight(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = data.Inputs.ToArray();
        int d = data.InputDimension;
        return (u, t) => DataDependentWeight.Weight(x, d, u, t);
    }

    /// <summary>The canonical weight g(u, t) = (1 − |t|)^{d+2} (Sections 3.1–3.2) as a <see cref="DirectionalWeight"/>.</summary>
    public static DirectionalWeight CanonicalWeight(int d) => (u, t) => PopulationWeight.CanonicalWeight(d, t);

    private static (double[] U, double T) Canonical(double[] u, double t)
    {
        foreach (double v in u)
        {
            if (v > 0) return (u, t);
            if (v < 0) return (u.Select(c => -c).ToArray(), -t);
        }
        return (u, t);
    }

    private static bool Same(double[] u1, double t1, double[] u2, double t2, double tol)
    {
        if (Math.Abs(t1 - t2) > tol) return false;
        for (int i = 0; i < u1.Length; i++)
            if (Math.Abs(u1[i] - u2[i]) > tol) return false;
        return true;
    }
}
