using Flatness.Claims.Model;
using Flatness.Constructions.Interpolators;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-15: the data-span neuron has the teacher's F* exactly but does not generalize (spec A-D4).</summary>
internal sealed class A15DataSpanNeuron() : Claim("A-15")
{
    private static readonly (int D, int N)[] Cells = [(1000, 10), (1000, 50), (2000, 25), (2000, 100)];
    private const int Replicates = 3;
    public override string Title => "Data-span neuron: the teacher's flatness exactly, no generalization";
    public override string Statement =>
        @"For $n\le d/20$ and $y=(u^\top x)_+$, the minimum-norm $w$ in the data span with $w^\top x_i=y_i$ ($y_i>0$) and $w^\top x_i=-\delta$ ($y_i=0$) interpolates with exactly the teacher's $F^\star$, yet its population loss is $\approx\mathbb Ey^2$ (A-D4): flatness alone cannot certify generalization when $n\lesssim d$.";
    public override string Method =>
        "Cells (d, n) ∈ {(1000, 10), (1000, 50), (2000, 25), (2000, 100)}, 3 replicates each, δ = 0.5. The neuron " +
        "(`DataSpanNeuron.Build`) and the teacher are measured by the same exact trace engine; the population loss is exact " +
        "(arc-cosine kernel). Criteria: residual < 1e-10, |ΔF*|/F* < 1e-9, loss within [0.8, 1.2] E y².";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("cells (d, n)", string.Join("; ", Cells.Select(c => $"({c.D}, {c.N})")))
            .Parameter("replicates", Numbers.Count(Replicates)).Parameter("δ", "0.5");
        var table = b.Table("Data-span neuron against the teacher", "d", "n", "replicate", "residual", "teacher F*", "neuron F*", "|ΔF*|/F*", "‖w‖", "loss / E y²");
        double worstResidual = 0, worstDelta = 0, lo = double.PositiveInfinity, hi = 0;
        int degenerate = 0;
        foreach (var (d, n) in Cells)
            for (int r = 0; r < Replicates; r++)
            {
                var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(d, rng));
                // A sample with every label 0 (probability 2⁻ⁿ) makes both F* zero and |ΔF*|/F* = 0/0: redrawn and counted.
                var data = Teacher.NondegenerateSample(teacher, n, 0, rng, ref degenerate);
                var neuron = DataSpanNeuron.Build(data);
                double ft = OrbitMinimalTrace.Compute(teacher, data).Value!.Value;
                double fn = OrbitMinimalTrace.Compute(neuron.Network, data).Value!.Value;
                double delta = Math.Abs(fn - ft) / ft;
                double ratio = GaussianPopulationLoss.Exact(neuron.Network, teacher) / GaussianPopulationLoss.SecondMoment(teacher);
                double norm = Math.Sqrt(neuron.Network.HiddenWeight(0).ToArray().Sum(v => v * v));
                worstResidual = Math.Max(worstResidual, neuron.MaxResidual);
                worstDelta = Math.Max(worstDelta, delta);
                lo = Math.Min(lo, ratio);
                hi = Math.Max(hi, ratio);
                table.Row(Numbers.Count(d), Numbers.Count(n), Numbers.Count(r + 1), Numbers.Error(neuron.MaxResidual), Numbers.Format(ft), Numbers.Format(fn), Numbers.Error(delta),
                    Numbers.Format(norm, 3), Numbers.Format(ratio, 4));
            }
        b.Note("The loss criterion has no sampling error (exact Gaussian population loss); its only randomness is the draw of the data, and the observed spread of loss / E y² across draws is a few per cent, far inside [0.8, 1.2].");
        b.Parameter("degenerate draws redrawn (every label 0)", Numbers.Count(degenerate));
        b.Metric("maxResidual", worstResidual, 2).ErrorMetric("maxFlatnessDifference", worstDelta).Metric("minLossRatio", lo, 4).Metric("maxLossRatio", hi, 4);
        bool holds = worstResidual < 1e-10 && worstDelta < 1e-9 && lo >= 0.8 && hi <= 1.2;
        return b.Decide(holds, VerdictMethod.ExactNumerics,
            $"every data-span neuron interpolates (residual ≤ {Numbers.Error(worstResidual)}) with the teacher's F* to {Numbers.Error(worstDelta)}, and its population loss is {Numbers.Format(lo, 3)}–{Numbers.Format(hi, 3)} E y².",
            $"a criterion failed: residual {Numbers.Error(worstResidual)} (< 1e-10), |ΔF*|/F* {Numbers.Error(worstDelta)} (< 1e-9), loss range [{Numbers.Format(lo, 4)}, {Numbers.Format(hi, 4)}] E y² (inside [0.8, 1.2]).",
            $"|ΔF*|/F* {Numbers.Error(worstDelta)}, loss {Numbers.Format(lo, 3)}–{Numbers.Format(hi, 3)} E y²");
    }
}
