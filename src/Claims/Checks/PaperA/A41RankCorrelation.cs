using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-41: Spearman's rank correlation and its Fisher-z bounds (paper B's trend claims) against Pearson's r of
/// independently computed mid-ranks, hand-checked cases with ties, and the closed-form interval (issue #16).</summary>
internal sealed class A41RankCorrelation() : Claim("A-41")
{
    private const double Tolerance = 1e-12, BoundTolerance = 1e-9;

    public override string Title => "Spearman's rank correlation and its bounds";
    public override string Statement =>
        @"`RankCorrelation.Rho` is Spearman's $\rho_S$, Pearson's correlation of the mid-ranks (ties share the mean of the ranks they span; " +
        @"NaN for a constant variable), and its bounds are $\tanh(\operatorname{atanh}\rho_S\mp z_\alpha\sqrt{1.06/(m-3)})$ (Fieller, Hartley & Pearson 1957).";
    public override string Method =>
        "Random pairs: m = 50 continuous correlated pairs, m = 40 with values rounded to a 0.5 grid (many ties), m = 30 on {0, 1, 2, 3} " +
        "(heavy ties), three each; the reference ranks by its own sort with tie averaging and Pearson's r by two passes " +
        "(`ReferenceStatistics`, no MathNet). Hand cases: (1, 2, 3, 4, 5) vs (2, 1, 4, 3, 5) gives 1 − 6·4/120 = 0.8; (1, 2, 2, 3) vs " +
        "(1, 3, 2, 4) gives 4.5/√(4.5·5) = 3/√10; a monotone transform gives 1, a reversal −1, a constant NaN. Bounds: `Spearman(x, y, " +
        "0.95)` and `Bounds()` at α = 10⁻⁶ against the closed form with z_α from the normal tail by quadrature. Criteria: " +
        "errors < 10⁻¹² (ρ) and < 10⁻⁹ (bounds); the special cases exactly.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("random cases", "m = 50 continuous, m = 40 on a 0.5 grid, m = 30 on {0..3}; three each");
        var table = b.Table("Spearman's rho against the reference", "case", "m", "rho", "reference", "|difference|");
        double worst = 0;
        foreach (var (label, m, round) in new (string, int, Func<double, double>)[] { ("continuous", 50, v => v), ("0.5 grid", 40, v => Math.Round(2 * v) / 2),
            ("{0..3}", 30, v => Math.Clamp(Math.Round(v + 1.5), 0, 3)) })
            for (int r = 0; r < 3; r++)
            {
                var x = new double[m];
                var y = new double[m];
                for (int i = 0; i < m; i++)
                {
                    double z = rng.NextGaussian();
                    x[i] = round(z);
                    y[i] = round(0.6 * z + 0.8 * rng.NextGaussian());
                }
                double rho = RankCorrelation.Rho(x, y), reference = ReferenceStatistics.Spearman(x, y);
                double diff = Math.Abs(rho - reference);
                worst = Math.Max(worst, diff);
                table.Row($"{label} {r + 1}", Numbers.Count(m), Numbers.Format(rho, 8), Numbers.Format(reference, 8), Numbers.Error(diff));
            }
        b.Criterion(Criterion.Error("rho vs Pearson's r of the reference mid-ranks (largest |difference|, with and without ties)", worst, Tolerance));
        double hand = Math.Max(Math.Abs(RankCorrelation.Rho([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) - 0.8),
            Math.Abs(RankCorrelation.Rho([1, 2, 2, 3], [1, 3, 2, 4]) - 3 / Math.Sqrt(10)));
        table.Row("hand: 0.8 and 3/sqrt 10 (ties)", "5, 4", Numbers.Format(RankCorrelation.Rho([1, 2, 2, 3], [1, 3, 2, 4]), 8),
            Numbers.Format(3 / Math.Sqrt(10), 8), Numbers.Error(hand));
        b.Criterion(Criterion.Error("hand-checked cases 0.8 (no ties) and 3/sqrt(10) (ties)", hand, Tolerance));
        double[] t = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5];
        double up = RankCorrelation.Rho(t, t.Select(Math.Exp).ToArray()), down = RankCorrelation.Rho(t, t.Select(v => -v * v).ToArray());
        double constant = RankCorrelation.Rho(t, [2, 2, 2, 2, 2, 2]);
        b.Criterion(Criterion.Condition("a monotone transform gives 1, a reversal -1 (to 1e-15), a constant NaN",
            Math.Abs(up - 1) <= 1e-15 && Math.Abs(down + 1) <= 1e-15 && double.IsNaN(constant),
            $"{Numbers.Format(up)}, {Numbers.Format(down)}, {Numbers.Format(constant)}"));
        var bounds = b.Table("Fisher-z bounds against the closed form", "m", "rho", "level or alpha", "low", "reference low", "high", "reference high");
        double worstBound = 0;
        double z975 = ReferenceStatistics.NormalUpperQuantile(0.025), z6 = ReferenceStatistics.NormalUpperQuantile(1e-6);
        foreach (int m in new[] { 12, 40, 200 })
        {
            var x = new double[m];
            var y = new double[m];
            for (int i = 0; i < m; i++)
            {
                x[i] = rng.NextGaussian();
                y[i] = 0.5 * x[i] + rng.NextGaussian();
            }
            var s = RankCorrelation.Spearman(x, y, 0.95);
            double spread = Math.Sqrt(1.06 / (m - 3)), at = Math.Atanh(s.Rho);
            double lo = Math.Tanh(at - z975 * spread), hi = Math.Tanh(at + z975 * spread);
            double lo6 = Math.Tanh(at - z6 * spread), hi6 = Math.Tanh(at + z6 * spread);
            var fz = s.Bounds();
            double err = new[] { Math.Abs(s.Low - lo), Math.Abs(s.High - hi), Math.Abs(fz.Lower(1e-6) - lo6), Math.Abs(fz.Upper(1e-6) - hi6) }.Max();
            worstBound = Math.Max(worstBound, err);
            bounds.Row(Numbers.Count(m), Numbers.Format(s.Rho, 6), "0.95", Numbers.Format(s.Low, 8), Numbers.Format(lo, 8),
                Numbers.Format(s.High, 8), Numbers.Format(hi, 8));
            bounds.Row(Numbers.Count(m), Numbers.Format(s.Rho, 6), "1e-6", Numbers.Format(fz.Lower(1e-6), 8), Numbers.Format(lo6, 8),
                Numbers.Format(fz.Upper(1e-6), 8), Numbers.Format(hi6, 8));
        }
        b.Criterion(Criterion.Error("Spearman interval and Fisher-z bounds vs tanh(atanh rho -+ z sqrt(1.06/(m - 3)))", worstBound, BoundTolerance));
        b.ErrorMetric("maxRhoError", Math.Max(worst, hand)).ErrorMetric("maxBoundError", worstBound);
        return b.Decide(VerdictMethod.ExactNumerics,
            $"rho equals Pearson's r of the mid-ranks with and without ties ({Numbers.Error(Math.Max(worst, hand))}), the special cases hold, " +
            $"and the bounds are the Fisher-z closed form ({Numbers.Error(worstBound)}).",
            $"rho {Numbers.Error(Math.Max(worst, hand))}, bounds {Numbers.Error(worstBound)}");
    }
}
