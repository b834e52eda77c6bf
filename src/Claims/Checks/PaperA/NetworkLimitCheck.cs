using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>The shared body of: random bias-free teachers of width 3, F* at n samples against the A-D2 limit.</summary>
internal static class NetworkLimitCheck
{
    /// <summary>The equivalence margin on F*/limit: the spec's window [0.95, 1.05], fixed before the run; each claim sizes n
    /// so that the margin is at least 6.5 relative standard errors of F* (see its Method).</summary>
    public const double Margin = 0.05;

    public static Evidence Run(ClaimContext context, Activation activation, int[] dimensions, int samples, int teachersPerDimension, string limitText)
    {
        var rng = new Rng(context.Seed);
        int tests = dimensions.Length * teachersPerDimension;
        var b = new EvidenceBuilder().Parameter("n", Numbers.Count(samples)).Parameter("d", string.Join(", ", dimensions))
            .Parameter("teachers", $"{teachersPerDimension} per d, width 3, a_j ~ N(0, 1), w_j ~ N(0, I/d)")
            .Parameter("activation", activation.Describe())
            .Parameter("equivalence margin", $"F*/limit: ±{Numbers.Format(Margin)} (the spec's window)");
        var table = b.Table("F* against the limit", "d", "teacher", "F* (exact trace engine)", "limit " + limitText, "ratio", "SE of ratio", "(ratio − 1)/SE");
        double worstZ = 0, worstSe = 0;
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (int d in dimensions)
            for (int t = 0; t < teachersPerDimension; t++)
            {
                var a = new double[3];
                rng.FillGaussian(a);
                var w = new IReadOnlyList<double>[3];
                for (int j = 0; j < 3; j++)
                {
                    var row = new double[d];
                    rng.FillGaussian(row);
                    w[j] = row.Select(v => v / Math.Sqrt(d)).ToArray();
                }
                var teacher = Teacher.SumOfSingleIndex(activation, a, w);
                var data = Teacher.GaussianSample(teacher, samples, 0, rng);
                double fstar = OrbitMinimalTrace.Compute(teacher, data).Value!.Value;
                var sample = PopulationFlatness.SampleOrbitMinimalTrace(teacher, data);
                double limit = PopulationFlatness.OrbitMinimalTraceLimit(teacher);
                var ratio = new NormalBounds(fstar / limit, sample.StandardError / limit, samples);
                b.Criterion(Criterion.Statistical($"F*/limit, d = {d}, teacher {t + 1}", ratio, Region.Near(1, Margin)));
                double z = (ratio.Estimate - 1) / ratio.StandardError;
                worstZ = Math.Max(worstZ, Math.Abs(z));
                worstSe = Math.Max(worstSe, ratio.StandardError);
                table.Row(Numbers.Count(d), Numbers.Count(t + 1), Numbers.Format(fstar), Numbers.Format(limit), Numbers.Format(ratio.Estimate, 5),
                    Numbers.Format(ratio.StandardError, 2), Numbers.Format(z, 3));
                xs.Add(limit);
                ys.Add(fstar);
            }
        double lo = Math.Min(xs.Min(), ys.Min()), hi = Math.Max(xs.Max(), ys.Max());
        b.Figure(new Figure("measured-vs-limit", "F* at n samples against the A-D2 limit", "limit", "measured F*",
            [new Series("teachers", xs, ys, SeriesStyle.Markers), new Series("measured = limit", [lo, hi], [lo, hi], SeriesStyle.Line)],
            "Every teacher lies on the diagonal within its sampling error."));
        b.Note("Each teacher's F*/limit is a smooth function of per-neuron sample means of σ(z)² and a²σ'(z)²‖x‖²; its SE is the delta method's. " +
            $"The relative SE does not depend on the teacher's weights (σ is homogeneous, and the SD of a sum of terms is at most the sum of their SDs), " +
            $"only on d and k, so the margin ±{Numbers.Format(Margin)} is fixed before the run; " +
            $"the largest relative SE here is {Numbers.Format(100 * worstSe, 2)} %, so the margin is {Numbers.Format(Margin / worstSe, 3)} SE wide.");
        b.Metric("maxAbsZ", worstZ, 3).Metric("outsideSpecWindow", ys.Zip(xs, (f, l) => Math.Abs(f / l - 1) > Margin ? 1 : 0).Sum());
        return b.Decide(VerdictMethod.Statistics,
            $"F* is shown within the A-D2 limit ± {Numbers.Format(100 * Margin)} % for all {tests} teachers " +
            $"(largest |ratio − 1| {Numbers.Format(worstZ, 3)} SE).",
            $"max |z| {Numbers.Format(worstZ, 2)} over {tests} teachers");
    }
}
