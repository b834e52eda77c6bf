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
        "Random width-3 ReLU teachers (two per d ∈ {10, 20, 50}), n = 20000 Gaussian inputs, labels from the teacher. F* from the " +
        "exact trace engine is compared with the closed-form limit (`PopulationFlatness.OrbitMinimalTraceLimit`) by a normal " +
        "test with the delta-method SE.";

    public override Evidence Check(ClaimContext context) =>
        NetworkLimitCheck.Run(context, new Relu(), [10, 20, 50], 20_000, 2, "2√d Σ|a_j|‖w_j‖");
}
