using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-20: at interpolation the nonzero spectrum of H is that of (2/(νn))K; rank ≤ n (spec F4).</summary>
internal sealed class A20GramSpectrum() : Claim("A-20")
{
    public override string Title => "Spectrum at interpolation = spectrum of the scaled Gram matrix; rank <= n";
    public override IReadOnlyList<string> DependsOn => ["A-32"];
    public override string Statement =>
        @"At $r\equiv0$, $\nabla^2\hat L_\nu=\frac{2}{\nu n}J^\top J$: PSD, rank $\le n$, with nonzero eigenvalues exactly those of $\frac{2}{\nu n}K$, " +
        @"$K=JJ^\top$, $K_{il}=\nabla f(x_i)^\top\nabla f(x_l)$.";
    public override string Method =>
        "Random interpolators with P > n for every activation, both ν. All P eigenvalues of the dense Hessian (dense " +
        "symmetric eigendecomposition) are compared with the n eigenvalues of the n×n Gram matrix padded with P − n zeros " +
        "(`GaussNewtonGram`): largest difference below 10⁻⁹·λ_max; numerical rank (|λ| > 10⁻⁹λ_max) at most n.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("sizes", "n = 7, d = 3, m = 5 (P = 26 with biases, 21 without)");
        var table = b.Table("Dense spectrum vs Gram spectrum", "case", "nu", "P", "n", "lambda_max", "max |difference| / lambda_max", "numerical rank");
        double worst = 0;
        bool rankOk = true;
        Series? denseSeries = null, gramSeries = null;
        foreach (var act in CaseFactory.Activations)
            foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
            {
                var c = CaseFactory.Make(act, loss == LossConvention.Mse, false, true, 7, 3, 5, rng);
                var dense = DenseHessian.Compute(c.Network, c.Data, loss).Eigenvalues();
                var gram = GaussNewtonGram.GaussNewtonEigenvalues(NetworkEvaluation.Evaluate(c.Network, c.Data, loss));
                double lmax = dense[^1];
                double diff = dense.Zip(gram, (u, v) => Math.Abs(u - v)).Max() / lmax;
                int rank = dense.Count(l => Math.Abs(l) > 1e-9 * lmax);
                rankOk &= rank <= c.Data.Count;
                worst = Math.Max(worst, diff);
                table.Row(c.Label, CaseFactory.Nu(loss), Numbers.Count(dense.Length), Numbers.Count(c.Data.Count), Numbers.Format(lmax),
                    Numbers.Error(diff), Numbers.Count(rank));
                if (denseSeries is null)
                {
                    var top = dense.Length - c.Data.Count;
                    var idx = Enumerable.Range(1, c.Data.Count).Select(i => (double)i).ToArray();
                    denseSeries = new Series("dense Hessian (top n)", idx, dense[top..].Reverse().ToArray(), SeriesStyle.Markers);
                    gramSeries = new Series("2/(nu n) K", idx, gram[top..].Reverse().ToArray(), SeriesStyle.Line);
                }
            }
        b.Figure(new Figure("spectrum", "Nonzero Hessian eigenvalues vs the Gram matrix", "index (descending)", "eigenvalue",
            [denseSeries!, gramSeries!],
            "The n nonzero eigenvalues of the P x P Hessian sit exactly on those of the n x n Gram matrix (first case of the table)."));
        b.ErrorMetric("maxScaledDifference", worst).Metric("rankAtMostN", rankOk ? 1 : 0);
        b.Criterion(Criterion.Error("largest |dense eigenvalue − padded Gram eigenvalue| / λ_max", worst, 1e-9))
         .Criterion(Criterion.Condition("numerical rank (|λ| > 10⁻⁹ λ_max) at most n in every case", rankOk,
             rankOk ? $"at most n in all {table.Count} cases" : "a case has rank above n (see the table)"));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"the spectra agree to {Numbers.Error(worst)}·λ_max in all {table.Count} cases and the rank never exceeds n.",
            $"max diff {Numbers.Error(worst)}·lambda_max");
    }
}
