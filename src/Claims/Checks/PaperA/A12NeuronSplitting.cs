using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Symmetries;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-12: splitting each neuron into M copies multiplies F* by M^{(1−k)/(k+1)} (A-D3).</summary>
internal sealed class A12NeuronSplitting() : Claim("A-12")
{
    public override string Title => "Neuron splitting multiplies the orbit-minimal trace by M^((1-k)/(k+1))";
    public override IReadOnlyList<string> DependsOn => ["A-31"];
    public override string Statement =>
        @"$M$ copies $(a/M,w)$ of every neuron leave $f$ unchanged and multiply $F^\star$ by $M^{(1-k)/(k+1)}$: invariant for $k=1$, $\to0$ for $k>1$, " +
        @"so for $k>1$ the infimum over widths is 0 and ""flattest"" needs a fixed width.";
    public override string Method =>
        "Random interpolating networks (no biases, n = 8, d = 3, m = 3) for k = 1, 2, 3; `NeuronSplitting.Split` with " +
        "M ∈ {1, 2, 4, 8, 16}; the ratio of orbit-minimal traces must equal M^{(1−k)/(k+1)} to 10⁻¹⁰ and f must be unchanged. " +
        "So that no constant cancels in the ratio, each F* (closed form, with its 2/(νn) and (k+1)k^{−k/(k+1)}) is also compared " +
        "with an independent value: the split network is actually balanced (`PerNeuronRescaling.Balance`) and the trace of that " +
        "network is taken by central second differences of the loss (h = 10⁻⁴); criterion 10⁻⁵.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("copies", "M in {1, 2, 4, 8, 16}");
        var table = b.Table("F*(split) / F*(original)", "k", "M", "measured ratio", "M^((1-k)/(k+1))", "rel. error", "max |delta f|", "F* (closed form)",
            "FD trace of the balanced split network", "rel. error");
        double worst = 0, worstF = 0, worstFd = 0;
        var series = new List<Series>();
        foreach (int k in new[] { 1, 2, 3 })
        {
            Activation act = k == 1 ? new Relu() : new ReluPower(k);
            var c = CaseFactory.Make(act, false, false, true, 8, 3, 3, rng);
            double f0 = OrbitMinimalTrace.Compute(c.Network, c.Data).Value!.Value;
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (int m in new[] { 1, 2, 4, 8, 16 })
            {
                var split = NeuronSplitting.Split(c.Network, m);
                double fSplit = OrbitMinimalTrace.Compute(split, c.Data).Value!.Value;
                double fd = FiniteDifferences.Trace(PerNeuronRescaling.Balance(split, c.Data), c.Data, LossConvention.Mse);
                double efd = Descriptive.RelativeError(fSplit, fd);
                worstFd = Math.Max(worstFd, efd);
                double ratio = fSplit / f0;
                double expected = Math.Pow(m, (1.0 - k) / (k + 1));
                double err = Descriptive.RelativeError(ratio, expected);
                double df = split.Predict(c.Data).Zip(c.Data.Targets.ToArray(), (u, v) => Math.Abs(u - v)).Max();
                worst = Math.Max(worst, err);
                worstF = Math.Max(worstF, df);
                table.Row(Numbers.Count(k), Numbers.Count(m), Numbers.Format(ratio), Numbers.Format(expected), Numbers.Error(err), Numbers.Error(df),
                    Numbers.Format(fSplit), Numbers.Format(fd), Numbers.Error(efd));
                xs.Add(Math.Log2(m));
                ys.Add(ratio);
            }
            series.Add(new Series($"k = {k}", xs, ys));
        }
        b.Figure(new Figure("splitting", "F* after splitting every neuron into M copies", "log2 M", "F*(split) / F*", series,
            "k = 1 stays at 1 (splitting is a symmetry of F*); k = 2, 3 decay like M^(-1/3) and M^(-1/2)."));
        b.ErrorMetric("maxRatioError", worst).ErrorMetric("maxFunctionChange", worstF).ErrorMetric("maxClosedFormVsFiniteDifferences", worstFd);
        b.Criterion(Criterion.Error("largest relative error of F*(split)/F* against M^((1-k)/(k+1))", worst, 1e-10))
         .Criterion(Criterion.Error("largest change of f on the samples after splitting", worstF, 1e-10))
         .Criterion(Criterion.Error("largest relative error, closed-form F* vs finite-difference trace of the balanced split network", worstFd, 1e-5));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"the ratio equals M^((1-k)/(k+1)) to {Numbers.Error(worst)}, f is unchanged to {Numbers.Error(worstF)}, " +
            $"and every closed-form F* equals the finite-difference trace of the actually balanced network to {Numbers.Error(worstFd)}.",
            $"max ratio err {Numbers.Error(worst)}");
    }
}
