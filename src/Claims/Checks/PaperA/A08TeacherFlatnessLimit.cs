using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-08: the single ReLU teacher's orbit-minimal trace tends to (2/ν)√d (spec A-D2).</summary>
internal sealed class A08TeacherFlatnessLimit() : Claim("A-08")
{
    private static readonly int[] Dimensions = [10, 20, 50, 100];
    private const int Samples = 120_000;

    /// <summary>The equivalence margin on F*/limit (the spec's window ±3 %), fixed before the run: the relative SE of F* at
    /// n = 120 000 is ½√((8 + 12/d)/n) ≤ 0.44 % (d ≥ 10), so the margin is at least 6.8 SE.</summary>
    private const double Margin = 0.03;

    /// <summary>The equivalence margin on the log–log slope (±0.05; its SE from the per-point SEs is about 0.0025).</summary>
    private const double SlopeMargin = 0.05;
    public override IReadOnlyList<string> DependsOn => ["A-40"];
    public override string Title => "The single ReLU teacher's orbit-minimal trace tends to (2/ν)√d";
    public override string Statement =>
        @"For $y=(u^\top x)_+$, $\|u\|=1$, $x\sim\mathcal N(0,I_d)$, the teacher neuron $(1,u)$ has $F^\star\to(2/\nu)\sqrt d$ as $n\to\infty$ (A-D2: " +
        @"$\mathbb E(u^\top x)_+^2=1/2$, $\mathbb E[\mathbb 1\{u^\top x>0\}\|x\|^2]=d/2$).";
    public override string Method =>
        "For d ∈ {10, 20, 50, 100}: a random unit u, n = 120 000 Gaussian inputs, labels y = (uᵀx)₊. F* from the exact trace " +
        "(`HessianTrace` + `OrbitMinimalTrace`, ν = 1 and ν = 2) divided by the closed-form limit (`PopulationFlatness`), with the " +
        "delta-method standard error of F* (a smooth function of the sample means of σ(z)² and a²σ'(z)²‖x‖²; normal bounds). Criteria, " +
        "fixed before the run: at each d, F*/limit = 1 ± 0.03 (an equivalence test; the spec's window, at least 6.8 SE wide at this n since " +
        "the relative SE is ½√((8 + 12/d)/n) ≤ 0.44 %); the least-squares slope of log F* against log d = 0.5 ± 0.05, with its standard error " +
        "propagated from the per-point SEs (independent points; normal bounds); F*(ν = 2)/F*(ν = 1) = ½ to 10⁻¹².";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("n", Numbers.Count(Samples)).Parameter("d", string.Join(", ", Dimensions))
            .Parameter("equivalence margins", $"F*/limit: ±{Numbers.Format(Margin)}; slope: ±{Numbers.Format(SlopeMargin)}");
        var table = b.Table("Teacher F* against its limit", "d", "F* (ν = 1)", "limit 2√d", "ratio", "SE of ratio", "(ratio − 1)/SE", "F*(ν = 2)/F*(ν = 1)");
        var logD = new List<double>();
        var logF = new List<double>();
        var logSe = new List<double>();
        double worstZ = 0, worstNu = 0;
        foreach (int d in Dimensions)
        {
            var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(d, rng));
            var data = Teacher.GaussianSample(teacher, Samples, 0, rng);
            double f1 = OrbitMinimalTrace.Compute(teacher, data).Value!.Value;
            double f2 = OrbitMinimalTrace.Compute(teacher, data, LossConvention.HalfMse).Value!.Value;
            var sample = PopulationFlatness.SampleOrbitMinimalTrace(teacher, data);
            double limit = PopulationFlatness.OrbitMinimalTraceLimit(teacher);
            var ratio = new NormalBounds(f1 / limit, sample.StandardError / limit, Samples);
            b.Criterion(Criterion.Statistical($"F*/limit at d = {d}", ratio, Region.Near(1, Margin)));
            double z = (ratio.Estimate - 1) / ratio.StandardError;
            worstZ = Math.Max(worstZ, Math.Abs(z));
            worstNu = Math.Max(worstNu, Math.Abs(f2 / f1 - 0.5));
            table.Row(Numbers.Count(d), Numbers.Format(f1), Numbers.Format(limit), Numbers.Format(ratio.Estimate, 5), Numbers.Format(ratio.StandardError, 2),
                Numbers.Format(z, 3), Numbers.Format(f2 / f1, 10));
            logD.Add(Math.Log(d));
            logF.Add(Math.Log(f1));
            logSe.Add(sample.StandardError / f1);
        }
        var rate = b.Rate("log F* against log d", logD, logF, "0.5 ± 0.05");
        var slope = LinearFit.SlopeBoundsWithKnownErrors(logD, logF, logSe);
        b.Criterion(Criterion.Statistical("slope of log F* against log d (SE propagated from the points)", slope, Region.Near(0.5, SlopeMargin)))
         .Criterion(Criterion.Error("|F*(ν = 2)/F*(ν = 1) − ½| (largest over d)", worstNu, 1e-12));
        b.Figure(new Figure("teacher-vs-d", "Teacher F* against d (log–log)", "log d", "log F*",
            [new Series("F* measured", logD, logF, SeriesStyle.Markers),
                new Series("limit log(2√d)", logD, logD.Select(x => Math.Log(2) + x / 2).ToArray(), SeriesStyle.Line)],
            $"The measured F* lie on the line of slope 1/2 (fitted {Numbers.Format(rate.Slope, 4)}, " +
            $"SE {Numbers.Format(slope.StandardError, 2)} propagated from the points)."));
        b.Metric("slope", rate.Slope, 4).Metric("maxAbsZ", worstZ, 3).ErrorMetric("nuFactorError", worstNu);
        return b.Decide(VerdictMethod.Statistics,
            $"F* is shown within (2/ν)√d ± 3 % at every d (largest |ratio − 1| {Numbers.Format(worstZ, 3)} SE), " +
            $"the slope {Numbers.Format(rate.Slope, 4)} within 0.5 ± 0.05, and ν = 2 halves F*.",
            $"slope {Numbers.Format(rate.Slope, 3)}, max |z| {Numbers.Format(worstZ, 2)}");
    }
}
