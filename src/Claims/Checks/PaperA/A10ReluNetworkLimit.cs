using Flatness.Claims.Model;
using Flatness.Numerics.Networks;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-10: a ReLU network's F* tends to (2/ν)√d times its path norm (spec A-D2).</summary>
internal sealed class A10ReluNetworkLimit() : Claim("A-10")
{
    public override string Title => "ReLU network: F* tends to (2/ν)√d times the path norm";
    public override string Statement =>
        @"For a bias-free ReLU network at its own labels and $x\sim\mathcal N(0,I_d)$: $F^\star\to(2/\nu)\sqrt d\sum_j|a_j|\|w_j\|$ as $n\to\infty$ (A-D2).";
    public override string Method =>
        "Random width-3 ReLU teachers (two per d ∈ {10, 20, 50}), n = 40000 Gaussian inputs, labels from the teacher. F* from the " +
        "exact trace engine divided by the closed-form limit (`PopulationFlatness.OrbitMinimalTraceLimit`), with the delta-method SE " +
        "(normal bounds), must be shown = 1 ± 0.05 for every teacher (an equivalence test; the spec's window, fixed before the run). For " +
        "k = 1 the relative SE of each neuron's term is ½√((8 + 12/d)/n) ≤ 0.76 % at n = 40000, so the margin is at least 6.6 SE.";

    public override Evidence Check(ClaimContext context) =>
        NetworkLimitCheck.Run(context, new Relu(), [10, 20, 50], 40_000, 2, "2√d Σ|a_j|‖w_j‖");
}
