using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-37: a GD step against its second-order prediction L(θ) − η‖g‖² + (η²/2)gᵀHg, the remainder O(η³)
/// (issue #16; spec F1).</summary>
internal sealed class A37StepLinearisation() : Claim("A-37")
{
    // n spans two of the Hessian operator's 128-row blocks and five of the gradient's 32-row chunks; m = 13 fills SIMD lanes.
    private const int N = 150, D = 3, M = 13, Grid = 5;
    private const double KinkMargin = 0.25, MaxDistance = 0.05, MisfitTolerance = 1e-11, SlopeSlack = 0.01;

    public override string Title => "A GD step matches its second-order prediction to O(η³)";
    public override IReadOnlyList<string> DependsOn => ["A-36"];
    public override string Statement =>
        @"With $g=\nabla\hat L_\nu(\theta)$ from the training engine and $Hg$ from the exact Hessian-vector product, the loss after a GD step is " +
        @"$\hat L_\nu(\theta-\eta g)=\hat L_\nu(\theta)-\eta\lVert g\rVert^2+\frac{\eta^2}2g^\top Hg+R(\eta)$ with $R(\eta)=O(\eta^3)$. " +
        @"For piecewise-linear $\sigma$ (ReLU, leaky ReLU, $|z|$) and a segment crossing no kink, $\eta\mapsto\hat L_\nu(\theta-\eta g)$ is a quartic, so " +
        @"$R(\eta)=c_3\eta^3+c_4\eta^4$ exactly with $c_4=\frac1{\nu n}\sum_i\rho_i^2\ge0$ ($\rho_i$ the $\eta^2$ coefficient of $f_i$).";
    public override string Method =>
        "For ReLU, leaky ReLU (0.2) and |z|, four random networks each (n = 150, d = 3, m = 13; no biases or hidden and output biases; " +
        "ν = 1 and 2) on random targets, inputs at least 0.25 from every kink. g from `FullBatchGradient`, Hg from `HessianOperator` " +
        "on a `NetworkEvaluation`, the loss L(θ ∓ ηg) from plain loops (`ReferenceNetwork`). The grid η = η_max·2⁻ᵏ, k = 0…4, with " +
        "η_max the largest step that moves no zᵢⱼ by more than half its distance to the kink (in either direction) and no farther " +
        "than 0.05 in θ. With R(±η) the remainders at θ ∓ ηg, the odd part (R(η) − R(−η))/2 must be c₃η³ and the even part " +
        "(R(η) + R(−η))/2 must be c₄η⁴: criteria on the largest misfit of the least-squares fits, relative to L(θ) (< 10⁻¹¹; rounding " +
        "is ≈ 10⁻¹⁵). A wrong gradient adds a term linear in η to the odd part (a 1 % error: ≈ 10⁻⁴ here), a wrong Hessian-vector " +
        "product a quadratic one to the even part (≈ 10⁻⁶). The slope of log max(|R(η)|, |R(−η)|) = log(|c₃|η³ + c₄η⁴) between " +
        "the ends of the grid lies in [3, 4] (± 0.01) whatever c₃ is: the remainder is O(η³), shown by its slope; a wrong " +
        "gradient or product pulls it to 1 or 2.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder()
            .Parameter("activations", string.Join(", ", CaseFactory.DegreeOne.Select(a => a.Describe())))
            .Parameter("sizes", $"n = {N}, d = {D}, m = {M}; no biases, or hidden and output biases; nu = 1 and 2; " +
                $"inputs at least {Numbers.Format(KinkMargin)} from every kink")
            .Parameter("grid", $"eta = eta_max 2^-k, k = 0..{Grid - 1}; eta_max |g| <= {Numbers.Format(MaxDistance)}, no kink crossed");
        var table = b.Table("Remainder of the second-order prediction", "case", "nu", "eta_max |g|", "L", "|g|^2", "g'Hg", "c3", "c4",
            "odd misfit / L", "even misfit / L", "slope of max|R|");
        var series = new List<Series>();
        double worstMisfit = 0, lowSlope = double.PositiveInfinity, highSlope = double.NegativeInfinity;
        foreach (var act in CaseFactory.DegreeOne)
        {
            double oddMisfit = 0, evenMisfit = 0, slopeLow = double.PositiveInfinity, slopeHigh = double.NegativeInfinity;
            foreach (bool bias in new[] { false, true })
                foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
                {
                    var c = CaseFactory.Make(act, bias, bias, false, N, D, M, rng, KinkMargin);
                    var r = Remainders(c, loss);
                    oddMisfit = Math.Max(oddMisfit, r.OddMisfit);
                    evenMisfit = Math.Max(evenMisfit, r.EvenMisfit);
                    slopeLow = Math.Min(slopeLow, r.Slope);
                    slopeHigh = Math.Max(slopeHigh, r.Slope);
                    table.Row(c.Label, CaseFactory.Nu(loss), Numbers.Format(r.Distance, 3), Numbers.Format(r.Loss, 4), Numbers.Format(r.GradientSquared, 4),
                        Numbers.Format(r.Curvature, 4), Numbers.Format(r.C3, 4), Numbers.Format(r.C4, 4),
                        Numbers.Error(r.OddMisfit), Numbers.Error(r.EvenMisfit), Numbers.Format(r.Slope, 4));
                    if (!bias && loss == LossConvention.Mse)
                        series.Add(new Series(act.Describe(), r.LogEta, r.LogRemainder));
                }
            string name = act.Describe();
            b.Criterion(Criterion.Error($"{name}: odd part of R(eta) vs c3 eta^3, largest misfit / L (4 networks)", oddMisfit, MisfitTolerance));
            b.Criterion(Criterion.Error($"{name}: even part of R(eta) vs c4 eta^4, largest misfit / L", evenMisfit, MisfitTolerance));
            b.Criterion(Criterion.Exact($"{name}: smallest log-log slope of max(|R(eta)|, |R(-eta)|) over the grid",
                slopeLow, Region.Above(3 - SlopeSlack), 4));
            b.Criterion(Criterion.Exact($"{name}: largest log-log slope of max(|R(eta)|, |R(-eta)|)", slopeHigh, Region.Below(4 + SlopeSlack), 4));
            worstMisfit = Math.Max(worstMisfit, Math.Max(oddMisfit, evenMisfit));
            lowSlope = Math.Min(lowSlope, slopeLow);
            highSlope = Math.Max(highSlope, slopeHigh);
        }
        b.Figure(new Figure("remainder", "Remainder of the second-order prediction of a GD step", "log10 eta", "log10 max(|R(eta)|, |R(-eta)|) / L",
            series, "Each line is one network (no biases, nu = 1); slopes between 3 (|c3| eta^3 dominates) and 4 (c4 eta^4 dominates). " +
                "A wrong gradient would give slope 1, a wrong Hessian-vector product slope 2."));
        b.ErrorMetric("maxMisfit", worstMisfit).Metric("minSlope", lowSlope, 4).Metric("maxSlope", highSlope, 4);
        return b.Decide(VerdictMethod.ExactNumerics,
            $"in all 12 networks the remainder of L(θ − ηg) − [L − η‖g‖² + (η²/2)gᵀHg] is c₃η³ + c₄η⁴ to {Numbers.Error(worstMisfit)} of L, " +
            $"its log-log slope lies in [{Numbers.Format(lowSlope, 4)}, {Numbers.Format(highSlope, 4)}] ⊂ [3, 4]: " +
            $"the step matches its second-order prediction to O(η³).",
            $"misfit {Numbers.Error(worstMisfit)}; slopes {Numbers.Format(lowSlope, 3)}–{Numbers.Format(highSlope, 3)}");
    }

    private sealed record Remainder(double Distance, double Loss, double GradientSquared, double Curvature, double C3, double C4, double OddMisfit,
        double EvenMisfit, double Slope, double[] LogEta, double[] LogRemainder);

    private static Remainder Remainders(NetCase c, LossConvention loss)
    {
        var net = c.Network;
        var layout = net.Layout;
        var engine = new FullBatchGradient(net.Activation, layout, c.Data, loss);
        var g = new double[engine.Dimension];
        engine.Compute(net.Parameters, g);
        var hg = new double[g.Length];
        new HessianOperator(NetworkEvaluation.Evaluate(net, c.Data, loss)).Multiply(g, hg);
        double gg = 0, ghg = 0;
        for (int p = 0; p < g.Length; p++) { gg += g[p] * g[p]; ghg += g[p] * hg[p]; }
        double etaMax = Math.Min(KinkStep(net, c.Data, g), MaxDistance / Math.Sqrt(gg));
        var theta0 = net.Parameters.ToArray();
        var theta = new double[theta0.Length];
        double Phi(double eta)
        {
            for (int p = 0; p < theta.Length; p++) theta[p] = theta0[p] - eta * g[p];
            return ReferenceNetwork.Loss(net.Activation, layout, theta, c.Data, loss);
        }
        double lPlain = ReferenceNetwork.Loss(net, c.Data, loss);
        var eta = new double[Grid];
        var odd = new double[Grid];
        var even = new double[Grid];
        var maxR = new double[Grid];
        for (int k = 0; k < Grid; k++)
        {
            eta[k] = etaMax * Math.Pow(2, -k);
            double e = eta[k], curvature = 0.5 * e * e * ghg;
            double rPlus = Phi(e) - (lPlain - e * gg + curvature), rMinus = Phi(-e) - (lPlain + e * gg + curvature);
            odd[k] = 0.5 * (rPlus - rMinus);
            even[k] = 0.5 * (rPlus + rMinus);
            maxR[k] = Math.Max(Math.Abs(rPlus), Math.Abs(rMinus));
        }
        var (c3, oddMisfit) = FitPower(eta, odd, 3);
        var (c4, evenMisfit) = FitPower(eta, even, 4);
        double slope = Math.Log(maxR[0] / maxR[Grid - 1]) / Math.Log(eta[0] / eta[Grid - 1]);
        return new Remainder(etaMax * Math.Sqrt(gg), lPlain, gg, ghg, c3, c4, oddMisfit / lPlain, evenMisfit / lPlain, slope,
            eta.Select(Math.Log10).ToArray(), maxR.Select(v => Math.Log10(v / lPlain)).ToArray());
    }

    /// <summary>Least squares y ≈ c·x^p through the origin; the coefficient and the largest |y − c·x^p|.</summary>
    private static (double Coefficient, double Misfit) FitPower(double[] x, double[] y, int p)
    {
        double sxy = 0, sxx = 0;
        for (int k = 0; k < x.Length; k++)
        {
            double xp = Math.Pow(x[k], p);
            sxy += xp * y[k];
            sxx += xp * xp;
        }
        double c = sxy / sxx, misfit = 0;
        for (int k = 0; k < x.Length; k++) misfit = Math.Max(misfit, Math.Abs(y[k] - c * Math.Pow(x[k], p)));
        return (c, misfit);
    }

    /// <summary>The largest η for which θ ∓ ηg moves no zᵢⱼ by more than half of |zᵢⱼ| (plain loops).</summary>
    private static double KinkStep(TwoLayerNetwork net, Dataset data, double[] g)
    {
        var layout = net.Layout;
        int d = layout.InputDimension;
        double best = double.PositiveInfinity;
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Input(i);
            for (int j = 0; j < layout.Width; j++)
            {
                int o = layout.NeuronOffset(j);
                double z = layout.HasHiddenBias ? net.Parameters[o + d] : 0, dz = layout.HasHiddenBias ? g[o + d] : 0;
                for (int k = 0; k < d; k++)
                {
                    z += net.Parameters[o + k] * x[k];
                    dz += g[o + k] * x[k];
                }
                if (dz != 0) best = Math.Min(best, 0.5 * Math.Abs(z) / Math.Abs(dz));
            }
        }
        return best;
    }
}
