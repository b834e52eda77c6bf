using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Shattering;
using Flatness.Numerics.Statistics;
using Flatness.Numerics.Variation;
using Integrate = MathNet.Numerics.Integrate;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-07: Lemmas E.1–E.3 of paper B (the marginal density of X₁ = uᵀX for X ~ Unif(B^d₁), and the bounds on its tail
/// Q and conditional mean E on [3/4, 1) with the constants c₂ … c₅ of <see cref="MarginalTailBounds"/>).</summary>
internal sealed class B07MarginalBounds() : Claim("B-07")
{
    private const int GridPoints = 40;
    private const double Tolerance = 1e-9;
    public override string Title => "Lemmas E.1-E.3: c1(2) = 2/pi, c1(3) = 3/4, density mass 1, tail and conditional-mean bounds with c2..c5 on [3/4, 1)";
    public override IReadOnlyList<string> DependsOn => ["B-31"];
    public override string Statement =>
        @"E.1: $X_1=u^\top X$, $X\sim\mathrm{Unif}(B^d_1)$, has density $c_1(1-x^2)^{\alpha}$, $\alpha=\frac{d-1}2$, $c_1(2)=\frac2\pi$, $c_1(3)=\frac34$. " +
        @"E.2: on $[\frac34,1)$, $c_2(1-x)^{\frac{d+1}2}\le Q(x)\le c_3(1-x)^{\frac{d+1}2}$ with $c_2=\frac{c_1}{d+1}(\frac74)^{\frac{d+1}2}$, " +
        @"$c_3=\frac{c_1}{d+1}2^{\frac{d+2}2}$. E.3: $1-c_5(1-x)\le E(x)\le1-c_4(1-x)$, $c_4=\frac{c_1(7/4)^\alpha}{(\alpha+2)c_3}$, " +
        @"$c_5=\frac{c_12^\alpha}{(\alpha+2)c_2}$ ($c_4,c_5$ [derived]).";
    public override string Method =>
        "d = 1..10. c₁(d) (closed form, Gamma functions) against the ratio of ball volumes v_{d−1}/v_d (the slice argument of E.1) and the paper's values " +
        "2/π, 3/4 (rel. 10⁻¹³); the density's mass by double-exponential quadrature (|mass − 1| ≤ 10⁻¹¹). On 40 points x = 1 − h, h = ¼·(4·10⁻⁴)^{j/39}, " +
        "the scaled tail Q(x)/h^{α+1} = c₁∫₀¹v^α(2 − hv)^α dv and the scaled gap (1 − E(x))/h = ∫₀¹v^{α+1}(2 − hv)^α dv / ∫₀¹v^α(2 − hv)^α dv are " +
        "computed by quadrature (with c₁ = v_{d−1}/v_d, independent of the closed forms; the scaling keeps the tiny tails at full relative precision) and " +
        "must lie in [c₂, c₃] and [c₄, c₅] with relative margin above the quadrature tolerance 10⁻⁹; " +
        "the closed forms Q = ½I_{1−x²}((d+1)/2, ½) and E = M/Q must agree with the quadrature to 10⁻⁹.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        var table = b.Table("Lemmas E.1-E.3 by dimension", "d", "c1(d)", "c1 vs v_(d-1)/v_d", "mass - 1", "c2", "min Q/h^(a+1)", "max Q/h^(a+1)", "c3", "c4",
            "min (1-E)/h", "max (1-E)/h", "c5", "closed form vs quadrature");
        double worstC1 = 0, worstMass = 0, worstClosed = 0, worstMargin = double.PositiveInfinity;
        var series = new List<Series>();
        double paper = Math.Max(Descriptive.RelativeError(PopulationWeight.C1(2), 2 / Math.PI), Descriptive.RelativeError(PopulationWeight.C1(3), 0.75));
        for (int d = 1; d <= 10; d++)
        {
            double alpha = (d - 1) / 2.0;
            double c1 = PopulationWeight.C1(d);
            double c1Volumes = BoundaryAtom.BallVolume(d - 1) / BoundaryAtom.BallVolume(d);
            worstC1 = Math.Max(worstC1, Descriptive.RelativeError(c1, c1Volumes));
            double mass = Integrate.DoubleExponential(s => PopulationWeight.MarginalDensity(d, s), -1, 1, 1e-14);
            worstMass = Math.Max(worstMass, Math.Abs(mass - 1));
            double c2 = MarginalTailBounds.C2(d), c3 = MarginalTailBounds.C3(d), c4 = MarginalTailBounds.C4(d), c5 = MarginalTailBounds.C5(d);
            double qMin = double.PositiveInfinity, qMax = 0, eMin = double.PositiveInfinity, eMax = 0, closed = 0;
            var xs = new List<double>(); var qs = new List<double>();
            for (int j = 0; j < GridPoints; j++)
            {
                double h = 0.25 * Math.Pow(4e-4, j / (GridPoints - 1.0)), x = 1 - h;
                double i0 = Integrate.DoubleExponential(v => Math.Pow(v * (2 - h * v), alpha), 0, 1, 1e-15);
                double i1 = Integrate.DoubleExponential(v => v * Math.Pow(v * (2 - h * v), alpha), 0, 1, 1e-15);
                double qScaled = c1Volumes * i0, gapScaled = i1 / i0;
                qMin = Math.Min(qMin, qScaled); qMax = Math.Max(qMax, qScaled);
                eMin = Math.Min(eMin, gapScaled); eMax = Math.Max(eMax, gapScaled);
                worstMargin = Math.Min(worstMargin, Math.Min(Math.Min((qScaled - c2) / qScaled, (c3 - qScaled) / qScaled),
                    Math.Min((gapScaled - c4) / gapScaled, (c5 - gapScaled) / gapScaled)));
                double qClosed = PopulationWeight.Q(d, x), eClosed = PopulationWeight.M(d, x) / qClosed;
                closed = Math.Max(closed,
                    Math.Max(Descriptive.RelativeError(qClosed / Math.Pow(h, alpha + 1), qScaled), Descriptive.RelativeError((1 - eClosed) / h, gapScaled)));
                xs.Add(Math.Log10(h)); qs.Add(qScaled);
            }
            worstClosed = Math.Max(worstClosed, closed);
            table.Row(Numbers.Count(d), Numbers.Format(c1, 10), Numbers.Error(Descriptive.RelativeError(c1, c1Volumes)), Numbers.Error(mass - 1),
                Numbers.Format(c2, 6), Numbers.Format(qMin, 6), Numbers.Format(qMax, 6), Numbers.Format(c3, 6), Numbers.Format(c4, 6), Numbers.Format(eMin, 6),
                Numbers.Format(eMax, 6), Numbers.Format(c5, 6), Numbers.Error(closed));
            if (d is 2 or 5 or 10)
            {
                series.Add(new Series($"Q/(1-x)^((d+1)/2), d = {d}", xs, qs));
                series.Add(new Series($"c2, d = {d}", [xs[0], xs[^1]], [c2, c2], SeriesStyle.Line));
                series.Add(new Series($"c3, d = {d}", [xs[0], xs[^1]], [c3, c3], SeriesStyle.Line));
            }
        }
        b.Figure(new Figure("tail-bounds", "Lemma E.2: the scaled tail Q(x)/(1-x)^((d+1)/2) between c2 and c3 on [3/4, 1)",
            "log10(1 - x)", "Q(x) / (1 - x)^((d+1)/2)", series,
            "Markers: the scaled tail by quadrature for d = 2, 5, 10; dashed: the constants c2 (below) and c3 (above) of Lemma E.2."));
        b.ErrorMetric("paperValuesC1", paper).ErrorMetric("maxC1VsVolumes", worstC1).ErrorMetric("maxMassError", worstMass)
            .ErrorMetric("maxClosedFormVsQuadrature", worstClosed).Metric("minRelativeMargin", worstMargin, 4);
        b.Parameter("grid", "d = 1..10; 40 points x = 1 - h, h = 0.25·(4e-4)^(j/39), j = 0..39 (x from 0.75 to 1 - 1e-4)");
        b.Criterion(Criterion.Error("c1(2) against 2/pi and c1(3) against 3/4 (relative)", paper, 1e-13));
        b.Criterion(Criterion.Error("c1(d) against the volume ratio v_(d-1)/v_d, d = 1..10 (relative)", worstC1, 1e-13));
        b.Criterion(Criterion.Error("|mass - 1| of the marginal density by quadrature", worstMass, 1e-11));
        b.Criterion(Criterion.Error("closed forms Q and E against quadrature on the grid (relative)", worstClosed, Tolerance));
        b.Criterion(Criterion.Exact("smallest relative margin of the scaled tail and gap inside [c2, c3] and [c4, c5] (must exceed the quadrature " +
            "tolerance 1e-9)", worstMargin, Region.Above(Tolerance), 4));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"c1(2) = 2/pi and c1(3) = 3/4 (to {Numbers.Error(paper)}), c1 = v_(d-1)/v_d to {Numbers.Error(worstC1)}, " +
            $"the density has mass 1 to {Numbers.Error(worstMass)}; on the whole grid of [3/4, 1) for d = 1..10 the tail and conditional-mean bounds of " +
            $"E.2-E.3 hold with relative margin at least {Numbers.Format(worstMargin, 3)}; closed forms agree with quadrature to {Numbers.Error(worstClosed)}.",
            $"min margin {Numbers.Format(worstMargin, 3)}");
    }
}
