using Flatness.Claims.Model;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>The shared body of: random bias-free teachers of width 3, F* at n samples against the A-D2 limit.</summary>
internal static class NetworkLimitCheck
{
    public static Evidence Run(ClaimContext context, Activation activation, int[] dimensions, int samples, int teachersPerDimension, string limitText)
    {
        var rng = new Rng(context.Seed);
        int tests = dimensions.Length * teachersPerDimension;
        double zCrit = PaperAStatistics.CriticalValue(tests);
        var b = new EvidenceBuilder().Parameter("n", Numbers.Count(samples)).Parameter("d", string.Join(", ", dimensions))
            .Parameter("teachers", $"{teachersPerDimension} per d, width 3, a_j ~ N(0, 1), w_j ~ N(0, I/d)")
            .Parameter("activation", activation.Describe())
            .Parameter("family-wise false-refutation probability", $"1e-3 (Bonferroni over {tests} sub-tests)");
        var table = b.Table("F* against the limit", "d", "teacher", "F* (exact trace engine)", "limit " + limitText, "ratio", "SE of ratio", "|z|", "spec window [0.95, 1.05]");
        double worstZ = 0, worstSe = 0;
        var xs = new List<double>();
        var ys = new List<double>();
        int outside = 0;
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
                double z = Math.Abs(fstar - limit) / sample.StandardError;
                worstZ = Math.Max(worstZ, z);
                worstSe = Math.Max(worstSe, sample.StandardError / limit);
                bool inside = fstar / limit is >= 0.95 and <= 1.05;
                if (!inside) outside++;
                table.Row(Numbers.Count(d), Numbers.Count(t + 1), Numbers.Format(fstar), Numbers.Format(limit), Numbers.Format(fstar / limit, 5),
                    Numbers.Format(sample.StandardError / limit, 2), Numbers.Format(z, 3), inside ? "inside" : "outside");
                xs.Add(limit);
                ys.Add(fstar);
            }
        double lo = Math.Min(xs.Min(), ys.Min()), hi = Math.Max(xs.Max(), ys.Max());
        b.Figure(new Figure("measured-vs-limit", "F* at n samples against the A-D2 limit", "limit", "measured F*",
            [new Series("teachers", xs, ys, SeriesStyle.Markers), new Series("measured = limit", [lo, hi], [lo, hi], SeriesStyle.Line)],
            "Every teacher lies on the diagonal within its sampling error."));
        b.Note(PaperAStatistics.BudgetNote(tests, "one normal test per teacher of F* against the limit, with the delta-method SE of F* as a function of the per-neuron sample means of σ(z)² and a²σ'(z)²‖x‖²"));
        b.Note($"The spec's window [0.95, 1.05] is shown per teacher ({outside} outside). The largest relative SE here is {Numbers.Format(100 * worstSe, 2)} %, so the window is {Numbers.Format(0.05 / worstSe, 3)} SE wide; the verdict uses the SE-calibrated test, which keeps the false-refutation probability at the stated budget whatever the teacher's draw.");
        b.Metric("maxAbsZ", worstZ, 3).Metric("outsideSpecWindow", outside);
        bool holds = worstZ <= zCrit;
        return b.Decide(holds, VerdictMethod.Statistics,
            $"F* matches the A-D2 limit for all {tests} teachers (largest |z| {Numbers.Format(worstZ, 3)} ≤ {Numbers.Format(zCrit, 3)}).",
            $"F* departs from the A-D2 limit: largest |z| {Numbers.Format(worstZ, 3)} > {Numbers.Format(zCrit, 3)}.",
            $"max |z| {Numbers.Format(worstZ, 2)} over {tests} teachers");
    }
}
