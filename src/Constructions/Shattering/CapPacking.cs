using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Shattering;

/// <summary>Greedy packing of disjoint caps {v ∈ S^{d−1} : uᵀv ≥ 1 − ε²} (paper B spec §8, H.3–H.4), and the empty caps of
/// a sample (Lemma I.1).</summary>
/// <remarks>Two caps of angular radius ρ = arccos(1 − ε²) are disjoint iff the angle between their centres exceeds 2ρ,
/// i.e. uᵢᵀuⱼ &lt; cos(2ρ) = 2(1 − ε²)² − 1. Disjoint caps give atoms with disjoint supports in the ball (a point x with
/// ‖x‖ ≤ 1 and uᵀx &gt; 1 − ε² has uᵀ(x/‖x‖) &gt; 1 − ε²; obligation B-33).</remarks>
public static class CapPacking
{
    /// <summary>cos(2 arccos(1 − ε²)) = 2(1 − ε²)² − 1, the largest inner product two disjoint caps' centres may have.</summary>
    public static double DisjointnessThreshold(double epsilon)
    {
        double c = 1 - epsilon * epsilon;
        return 2 * c * c - 1;
    }

    /// <summary>Greedy packing: draws <paramref name="candidates"/> uniform directions and keeps each one whose inner product
    /// with every kept centre is below <see cref="DisjointnessThreshold"/>.</summary>
    public static List<double[]> Greedy(int d, double epsilon, int candidates, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double limit = DisjointnessThreshold(epsilon);
        var kept = new List<double[]>();
        var v = new double[d];
        for (int c = 0; c < candidates; c++)
        {
            rng.FillGaussian(v);
            double norm = Math.Sqrt(v.Sum(x => x * x));
            var u = v.Select(x => x / norm).ToArray();
            if (Admits(kept, u, limit)) kept.Add(u);
        }
        return kept;
    }

    /// <summary>Whether a cap centred at <paramref name="v"/> is disjoint from every cap of <paramref name="centres"/>:
    /// uᵢᵀv &lt; <paramref name="limit"/> for all i (<paramref name="limit"/> = <see cref="DisjointnessThreshold"/>). The greedy
    /// rule accepts exactly such candidates.</summary>
    public static bool Admits(IReadOnlyList<double[]> centres, ReadOnlySpan<double> v, double limit)
    {
        ArgumentNullException.ThrowIfNull(centres);
        foreach (var k in centres)
        {
            double dot = 0;
            for (int i = 0; i < v.Length; i++) dot += k[i] * v[i];
            if (dot >= limit) return false;
        }
        return true;
    }

    /// <summary>The smallest angle arccos(uᵢᵀuⱼ) between two distinct centres (+∞ for fewer than two centres): caps of
    /// angular radius ρ are disjoint iff it exceeds 2ρ.</summary>
    public static double MinimumAngle(IReadOnlyList<double[]> centres)
    {
        double worst = MaxInnerProduct(centres);
        return double.IsNegativeInfinity(worst) ? double.PositiveInfinity : Math.Acos(Math.Clamp(worst, -1, 1));
    }

    /// <summary>The share of <paramref name="samples"/> uniform directions that the greedy rule would still accept (at angle
    /// more than 2ρ from every centre): the part of the sphere the packing's 2ρ-caps leave uncovered. The packing bound
    /// N·F(d, 2ρ) ≥ 1 − ω (<see cref="SphericalCap"/>) is stated with this share ω.</summary>
    public static double UncoveredShare(IReadOnlyList<double[]> centres, int d, double epsilon, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        double limit = DisjointnessThreshold(epsilon);
        int uncovered = 0;
        for (int p = 0; p < samples; p++)
            if (Admits(centres, Sampling.UniformSampling.Sphere(d, rng), limit)) uncovered++;
        return uncovered / (double)samples;
    }

    /// <summary>The largest inner product between two distinct centres (−∞ for fewer than two).</summary>
    public static double MaxInnerProduct(IReadOnlyList<double[]> centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        double worst = double.NegativeInfinity;
        for (int i = 0; i < centres.Count; i++)
            for (int j = i + 1; j < centres.Count; j++)
                worst = Math.Max(worst, centres[i].Zip(centres[j]).Sum(p => p.First * p.Second));
        return worst;
    }

    /// <summary>Per-cap sample counts #{i : uⱼᵀxᵢ &gt; 1 − ε²} (the atom's activation count).</summary>
    public static int[] Counts(IReadOnlyList<double[]> centres, ReadOnlySpan<double> inputs, int d, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(centres);
        double h = 1 - epsilon * epsilon;
        var counts = new int[centres.Count];
        int n = inputs.Length / d;
        for (int i = 0; i < n; i++)
        {
            var x = inputs.Slice(i * d, d);
            for (int j = 0; j < centres.Count; j++)
            {
                double p = 0;
                for (int k = 0; k < d; k++) p += centres[j][k] * x[k];
                if (p > h) counts[j]++;
            }
        }
        return counts;
    }

    /// <summary>The caps holding no sample (Γ of Lemma I.1).</summary>
    public static List<double[]> EmptyCaps(IReadOnlyList<double[]> centres, ReadOnlySpan<double> inputs, int d, double epsilon)
    {
        var counts = Counts(centres, inputs, d, epsilon);
        return centres.Where((_, j) => counts[j] == 0).ToList();
    }
}
