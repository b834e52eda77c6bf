using Flatness.Claims.Model;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-08: the single ReLU teacher's orbit-minimal trace tends to (2/ν)√d (spec A-D2).</summary>
internal sealed class A08TeacherFlatnessLimit() : Claim("A-08")
{
    private static readonly int[] Dimensions = [10, 20, 50, 100];
    private const int Samples = 20_000;
    public override string Title => "The single ReLU teacher's orbit-minimal trace tends to (2/ν)√d";
    public override string Statement =>
        @"For $y=(u^\top x)_+$, $\|u\|=1$, $x\sim\mathcal N(0,I_d)$, the teacher neuron $(1,u)$ has $F^\star\to(2/\nu)\sqrt d$ as $n\to\infty$ (A-D2: $\mathbb E(u^\top x)_+^2=1/2$, $\mathbb E[\mathbb 1\{u^\top x>0\}\|x\|^2]=d/2$).";
    public override string Method =>
        "For d ∈ {10, 20, 50, 100}: a random unit u, n = 20000 Gaussian inputs, labels y = (uᵀx)₊. F* from the exact trace " +
        "(`HessianTrace` + `OrbitMinimalTrace`, ν = 1 and ν = 2) is compared with the closed-form limit (`PopulationFlatness`) " +
        "by a normal test using the delta-method standard error of F* (a smooth function of the sample means of σ(z)² and " +
        "a²σ'(z)²‖x‖²); the log–log slope of F* against d must be 0.5 ± 0.05.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        int tests = Dimensions.Length + 1;
        double z = PaperAStatistics.CriticalValue(tests);
        var b = new EvidenceBuilder().Parameter("n", Numbers.Count(Samples)).Parameter("d", string.Join(", ", Dimensions))
            .Parameter("family-wise false-refutation probability", "1e-3 (Bonferroni over 5 sub-tests)");
        var table = b.Table("Teacher F* against its limit", "d", "F* (ν = 1)", "limit 2√d", "ratio", "SE of ratio", "|z|", "spec window [0.97, 1.03]", "F*(ν = 2)/F*(ν = 1)");
        var logD = new List<double>();
        var logF = new List<double>();
        var logSe = new List<double>();
        double worstZ = 0, worstNu = 0, largestRelSe = 0;
        foreach (int d in Dimensions)
        {
            var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(d, rng));
            var data = Teacher.GaussianSample(teacher, Samples, 0, rng);
            double f1 = OrbitMinimalTrace.Compute(teacher, data).Value!.Value;
            double f2 = OrbitMinimalTrace.Compute(teacher, data, LossConvention.HalfMse).Value!.Value;
            var sample = PopulationFlatness.SampleOrbitMinimalTrace(teacher, data);
            double limit = PopulationFlatness.OrbitMinimalTraceLimit(teacher);
            double zScore = Math.Abs(f1 - limit) / sample.StandardError;
            worstZ = Math.Max(worstZ, zScore);
            worstNu = Math.Max(worstNu, Math.Abs(f2 / f1 - 0.5));
            table.Row(Numbers.Count(d), Numbers.Format(f1), Numbers.Format(limit), Numbers.Format(f1 / limit, 5), Numbers.Format(sample.StandardError / limit, 2),
                Numbers.Format(zScore, 3), f1 / limit is >= 0.97 and <= 1.03 ? "inside" : "outside", Numbers.Format(f2 / f1, 10));
            logD.Add(Math.Log(d));
            logF.Add(Math.Log(f1));
            logSe.Add(sample.StandardError / f1);
            largestRelSe = Math.Max(largestRelSe, sample.StandardError / limit);
        }
        var rate = b.Rate("log F* against log d", logD, logF, "0.5 ± 0.05");
        // Propagated SE of the slope from the per-point SEs of log F* (independent points).
        double mx = logD.Average(), sxx = logD.Sum(x => (x - mx) * (x - mx));
        double slopeSe = Math.Sqrt(logD.Select((x, i) => (x - mx) * (x - mx) * logSe[i] * logSe[i]).Sum()) / sxx;
        b.Figure(new Figure("teacher-vs-d", "Teacher F* against d (log–log)", "log d", "log F*",
            [new Series("F* measured", logD, logF, SeriesStyle.Markers), new Series("limit log(2√d)", logD, logD.Select(x => Math.Log(2) + x / 2).ToArray(), SeriesStyle.Line)],
            $"The measured F* lie on the line of slope 1/2 (fitted {Numbers.Format(rate.Slope, 4)}, 95% CI [{Numbers.Format(rate.Low, 4)}, {Numbers.Format(rate.High, 4)}])."));
        b.Note(PaperAStatistics.BudgetNote(tests, "4 normal tests of F* against the limit and the slope window") +
            $" The slope window ±0.05 is {Numbers.Format(0.05 / slopeSe, 3)} propagated standard errors ({Numbers.Format(slopeSe, 2)}) wide, so its own false-refutation probability is far below 1e-3/5.");
        b.Note($"Why not the spec's per-d window [0.97, 1.03]: the relative SE of F* at n = 20000 is up to {Numbers.Format(100 * largestRelSe, 2)} % here, so 3 % is only about {Numbers.Format(0.03 / largestRelSe, 2)} SE: a correct implementation would leave it with probability 2(1 − Φ(3/SE%)) per d, above the 1e-3 budget. The verdict uses the SE-calibrated test instead; the window is still shown.");
        b.Metric("slope", rate.Slope, 4).Metric("maxAbsZ", worstZ, 3).ErrorMetric("nuFactorError", worstNu);
        bool holds = worstZ <= z && Math.Abs(rate.Slope - 0.5) <= 0.05 && worstNu < 1e-12;
        return b.Decide(holds, VerdictMethod.Statistics,
            $"F* matches (2/ν)√d at every d (largest |z| {Numbers.Format(worstZ, 3)} ≤ {Numbers.Format(z, 3)}), slope {Numbers.Format(rate.Slope, 4)} within 0.5 ± 0.05, and ν = 2 halves F*.",
            $"a criterion failed: largest |z| {Numbers.Format(worstZ, 3)} (≤ {Numbers.Format(z, 3)}), slope {Numbers.Format(rate.Slope, 4)} (0.5 ± 0.05), ν factor error {Numbers.Error(worstNu)}.",
            $"slope {Numbers.Format(rate.Slope, 3)}, max |z| {Numbers.Format(worstZ, 2)}");
    }
}
