using Flatness.Numerics.Networks;

namespace Flatness.Constructions.Shattering;

/// <summary>Paper B's univariate packing (spec §8, "Univariate (H.7–H.9)"): K = ⌊1/ε⌋ hat bumps Φ_k of width ε² at the
/// knots a_k = 1 − ε + kε², k = 0 … K − 1, and the networks f_ξ = Σ_k ξ_k Φ_k, ξ ∈ {±1}^K.</summary>
/// <remarks>
/// Φ_k(x) = (2/ε²)[φ(x − a_k) − 2φ(x − m_k) + φ(x − a_k − ε²)], m_k = a_k + ε²/2: three ReLU neurons, slopes ±2/ε²,
/// peak 1 at m_k, zero outside [a_k, a_k + ε²] ⊂ [1 − ε, 1] (the last bump ends at 1 − ε + Kε² ≤ 1).
/// ‖Φ_k‖²_{L²[−1,1]} = ε²/3, so ‖Φ_k‖ = Dε with D = 1/√3 (H.7; the spec's base bump of unit width has ‖Φ‖ = √2D, here
/// = √(2/3), with its width-2 support; only D matters for the packing). ∫|Φ_k''| = 2/ε² + 4/ε² + 2/ε² = 8/ε² (H.7);
/// the weighted integral ∫|Φ_k''|(1 − |x|)³ = (2/ε²)[(1 − a_k)³ + 2(1 − m_k)³ + (1 − a_k − ε²)³] ≤ 8ε, since the
/// canonical weight (1 − |x|)³ is at most ε³ on the bumps (H.8). The supports meet only at shared endpoints, so
/// ‖f_ξ − f_ξ'‖² = 4·d_H(ξ, ξ')·ε²/3 (H.9). Adjacent bumps share the knot a_{k+1} = a_k + ε², where their slope
/// jumps add: with ξ_k = −ξ_{k+1} they cancel, so ∫|f_ξ''|(1 − |x|)³ depends on ξ and is at most Σ_k of the bumps'.
/// </remarks>
public static class UnivariateBumps
{
    /// <summary>D = 1/√3, the constant in ‖Φ_k‖_{L²[−1,1]} = Dε for the peak-1 hat.</summary>
    public static readonly double NormConstant = 1 / Math.Sqrt(3);

    /// <summary>K = ⌊1/ε⌋, the number of bumps.</summary>
    public static int Count(double epsilon)
    {
        CheckEpsilon(epsilon);
        return (int)Math.Floor(1 / epsilon);
    }

    /// <summary>The left knot a_k = 1 − ε + kε² of bump k.</summary>
    public static double Knot(double epsilon, int k)
    {
        if (k < 0 || k >= Count(epsilon)) throw new ArgumentOutOfRangeException(nameof(k), k, "k must lie in 0 … ⌊1/ε⌋ − 1");
        return 1 - epsilon + k * epsilon * epsilon;
    }

    /// <summary>The midpoint m_k = a_k + ε²/2, where Φ_k peaks at 1.</summary>
    public static double Midpoint(double epsilon, int k) => Knot(epsilon, k) + epsilon * epsilon / 2;

    /// <summary>‖Φ_k‖²_{L²[−1,1]} = ε²/3 = (Dε)² (H.7).</summary>
    public static double L2NormSquared(double epsilon)
    {
        CheckEpsilon(epsilon);
        return epsilon * epsilon / 3;
    }

    /// <summary>∫|Φ_k''| = 8/ε², the sum of the absolute slope jumps 2/ε², 4/ε², 2/ε² (H.7).</summary>
    public static double CurvatureIntegral(double epsilon)
    {
        CheckEpsilon(epsilon);
        return 8 / (epsilon * epsilon);
    }

    /// <summary>∫|Φ_k''|(1 − |x|)³ = Σ_s |jump at s|·(1 − |s|)³ over the three kinks of bump k, exactly (H.8).</summary>
    public static double WeightedCurvatureIntegral(double epsilon, int k)
    {
        double a = Knot(epsilon, k), e2 = epsilon * epsilon;
        return 2 / e2 * (Cube(1 - a) + 2 * Cube(1 - (a + e2 / 2)) + Cube(1 - (a + e2)));
    }

    /// <summary>∫|f_ξ''|(1 − |x|)³ = Σ_j |J_j|(1 − s_j)³ over the kinks s_j = 1 − ε + jε²/2, j = 0 … 2K, where J_j adds the
    /// slope jumps of the bumps that meet at s_j (so jumps of opposite-sign neighbours cancel at shared knots).</summary>
    public static double WeightedCurvatureIntegral(double epsilon, IReadOnlyList<int> xi)
    {
        var jumps = KinkJumps(epsilon, xi);
        double sum = 0;
        for (int j = 0; j < jumps.Length; j++) sum += Math.Abs(jumps[j]) * Cube(1 - KinkPosition(epsilon, j));
        return sum;
    }

    /// <summary>‖f_ξ − f_ξ'‖²_{L²[−1,1]} = 4·d_H(ξ, ξ')·ε²/3 (disjoint interiors of the supports; H.9).</summary>
    public static double DistanceSquared(double epsilon, IReadOnlyList<int> xi, IReadOnlyList<int> xiPrime)
    {
        CheckSigns(epsilon, xi);
        CheckSigns(epsilon, xiPrime);
        int hamming = 0;
        for (int k = 0; k < xi.Count; k++) if (xi[k] != xiPrime[k]) hamming++;
        return 4 * hamming * L2NormSquared(epsilon);
    }

    /// <summary>The single bump Φ_k as a d = 1 ReLU network with hidden biases (three neurons, output bias 0).</summary>
    public static TwoLayerNetwork Bump(double epsilon, int k)
    {
        double a = Knot(epsilon, k), e2 = epsilon * epsilon, s = 2 / e2;
        return TwoLayerNetwork.FromWeights(new Relu(), [s, -2 * s, s], [[1.0], [1.0], [1.0]], [-a, -(a + e2 / 2), -(a + e2)], 0.0);
    }

    /// <summary>f_ξ = Σ_k ξ_k Φ_k as a d = 1 ReLU network with hidden biases: 3K neurons, bump by bump.</summary>
    /// <param name="epsilon">ε ∈ (0, 1/2].</param>
    /// <param name="xi">Signs ξ ∈ {±1}^K, K = ⌊1/ε⌋.</param>
    public static TwoLayerNetwork Packing(double epsilon, IReadOnlyList<int> xi)
    {
        CheckSigns(epsilon, xi);
        double e2 = epsilon * epsilon, s = 2 / e2;
        var v = new List<double>();
        var w = new List<IReadOnlyList<double>>();
        var b = new List<double>();
        for (int k = 0; k < xi.Count; k++)
        {
            double a = Knot(epsilon, k);
            v.AddRange([xi[k] * s, -2 * xi[k] * s, xi[k] * s]);
            w.AddRange([[1.0], [1.0], [1.0]]);
            b.AddRange([-a, -(a + e2 / 2), -(a + e2)]);
        }
        return TwoLayerNetwork.FromWeights(new Relu(), v, w, b, 0.0);
    }

    private static double[] KinkJumps(double epsilon, IReadOnlyList<int> xi)
    {
        CheckSigns(epsilon, xi);
        double s = 2 / (epsilon * epsilon);
        var jumps = new double[2 * xi.Count + 1];
        for (int k = 0; k < xi.Count; k++)
        {
            jumps[2 * k] += xi[k] * s;
            jumps[2 * k + 1] -= 2 * xi[k] * s;
            jumps[2 * k + 2] += xi[k] * s;
        }
        return jumps;
    }

    private static double KinkPosition(double epsilon, int j) => 1 - epsilon + j * (epsilon * epsilon / 2);

    private static double Cube(double x) => x * x * x;

    private static void CheckEpsilon(double epsilon)
    {
        if (!(epsilon > 0 && epsilon <= 0.5)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must lie in (0, 1/2]");
    }

    private static void CheckSigns(double epsilon, IReadOnlyList<int> xi)
    {
        ArgumentNullException.ThrowIfNull(xi);
        int count = Count(epsilon);
        if (xi.Count != count) throw new ArgumentException($"xi needs ⌊1/ε⌋ = {count} signs, got {xi.Count}", nameof(xi));
        foreach (int x in xi) if (x != 1 && x != -1) throw new ArgumentException("every sign must be +1 or −1", nameof(xi));
    }
}
