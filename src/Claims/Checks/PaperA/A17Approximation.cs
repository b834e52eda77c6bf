using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>One replicate of A-17's approximation-error probe: ReLU networks interpolating a tanh-link target.</summary>
/// <param name="Scale">κ in ψ(z) = tanh(κz).</param>
/// <param name="ApproximationError">A/Var g: the best-approximation error of bias-free ReLU networks of any width (<see cref="OddLinkTarget"/>).</param>
/// <param name="Excess">E(f − g)²/Var g of the flattest interpolator found (exact, Stein cross term).</param>
/// <param name="EstimationPart">E(f − Pg)²/Var g, Pg the best approximation (exact, arc-cosine kernel: a second code path for the cross term).</param>
/// <param name="FloorRatio">F*/floor of the flattest found.</param>
/// <param name="MaxResidual">max |f(xᵢ) − yᵢ|/rms(y).</param>
/// <param name="Found">Whether any start interpolated.</param>
internal sealed record A17ApproximationOutcome(double Scale, double ApproximationError, double Excess, double EstimationPart,
    double FloorRatio, double MaxResidual, bool Found);

internal sealed partial class A17FlattestInterpolatorsGeneralize
{
    /// <summary>κ of the tanh links: best-approximation errors from about 1 % to 15 % of Var g.</summary>
    internal static readonly double[] TanhScales = [0.5, 1.0, 2.0];

    /// <summary>Cross-term consistency: E(f − g)² (Stein cross term (Σⱼaⱼwⱼ)ᵀβ/2) − E(f − Pg)² (arc-cosine kernel against the
    /// network of Pg) − A must vanish to this, relative to Var g. E g² and ‖β‖² cancel from it: they are checked by the unit tests.</summary>
    internal const double PythagorasTolerance = 1e-9;

    /// <summary>The approximation-error probe: main replicate <paramref name="replicate"/>'s directions uᵣ, weights aᵣ and
    /// inputs (the same generator stream), relabelled by g(x) = Σᵣ aᵣ tanh(κ uᵣᵀx) with no noise, searched with ReLU networks
    /// exactly as the main rows are.</summary>
    internal static A17ApproximationOutcome ApproximationReplicate(ulong seed, int replicate, int dimension, int samples, int width, int starts, double scale)
    {
        var relu = new Relu();
        var (representable, clean, _) = DrawReplicate(seed, "main", replicate, relu, dimension, samples);
        var weights = Enumerable.Range(0, representable.Width).Select(representable.OutputWeight).ToArray();
        var directions = Enumerable.Range(0, representable.Width).Select(r => (IReadOnlyList<double>)representable.HiddenWeight(r).ToArray()).ToArray();
        var target = OddLinkTarget.Tanh(scale, weights, directions);
        var y = new double[samples];
        for (int i = 0; i < samples; i++) y[i] = target.Evaluate(clean.Input(i));
        var data = clean.WithTargets(y);
        var searchRng = new Rng(Rng.DeriveSeed(seed, $"A-17 approximation κ={scale} search {replicate}"));
        var best = SearchWithRedraws(relu, data, width, starts, searchRng).Best;
        double variance = target.SecondMoment;
        double a = target.BestApproximationError(relu) / variance;
        if (best is null) return new A17ApproximationOutcome(scale, a, double.NaN, double.NaN, double.NaN, double.NaN, false);
        double excess = target.PopulationLoss(best.Network) / variance;
        double estimation = GaussianPopulationLoss.Exact(best.Network, target.BestApproximation(relu)) / variance;
        return new A17ApproximationOutcome(scale, a, excess, estimation, best.OrbitMinimalTrace / InterpolatorFloor.Value(relu, data),
            RelativeResidual(best.Network, data), true);
    }

    /// <summary>The approximation-error table, figure and note; returns the largest cross-term discrepancy
    /// |E(f − g)² − E(f − Pg)² − A|/Var g over the probe's networks (NaN if none was found).</summary>
    private static double ApproximationTable(EvidenceBuilder b, A17Outcome[][] main, A17ApproximationOutcome[] approximation, A17Sizes sizes)
    {
        var table = b.Table($"Approximation error, reported, not judged: ReLU networks on targets they can and cannot represent (ς = 0; " +
            $"the first {sizes.ProbeReplicates} main replicates' directions, weights and inputs; medians over them)",
            "target", "A / Var g (best-approximation error)", "excess / Var g", "excess (max)", "estimation part E(f − Pg)² / Var g", "F*/floor",
            "max residual / rms y", "replicates with an interpolator");
        var representable = main.Take(sizes.ProbeReplicates).Select(row => row[0]).Where(o => o.Found).ToArray();
        var series = new List<Series>();
        if (representable.Length > 0)
        {
            table.Row("Σ aᵣ (uᵣᵀx)₊ (representable)", "0", Numbers.Format(Descriptive.Median(representable.Select(o => o.Excess)), 3),
                Numbers.Format(representable.Max(o => o.Excess), 3), Numbers.Format(Descriptive.Median(representable.Select(o => o.Excess)), 3),
                Numbers.Format(Descriptive.Median(representable.Select(o => o.FlattestTrace / o.Floor)), 4),
                Numbers.Error(representable.Max(o => o.MaxResidual)), $"{representable.Length} / {sizes.ProbeReplicates}");
            series.Add(new Series("ReLU links", representable.Select(_ => 0.0).ToArray(), representable.Select(o => o.Excess).ToArray(), SeriesStyle.Markers));
        }
        double worst = double.NaN, largestA = 0;
        var summary = new List<string>();
        foreach (double scale in TanhScales)
        {
            var all = approximation.Where(o => o.Scale == scale).ToArray();
            var found = all.Where(o => o.Found).ToArray();
            string name = $"Σ aᵣ tanh(κ uᵣᵀx), κ = {Numbers.Format(scale)}";
            largestA = Math.Max(largestA, all.Max(o => o.ApproximationError));
            if (found.Length == 0)
            {
                table.Row(name, Numbers.Format(Descriptive.Median(all.Select(o => o.ApproximationError)), 3), "—", "—", "—", "—", "—", $"0 / {all.Length}");
                continue;
            }
            foreach (var o in found)
            {
                double gap = Math.Abs(o.Excess - o.EstimationPart - o.ApproximationError);
                if (double.IsNaN(gap)) gap = double.PositiveInfinity;
                worst = double.IsNaN(worst) ? gap : Math.Max(worst, gap);
            }
            double medianA = Descriptive.Median(found.Select(o => o.ApproximationError)),
                medianEstimation = Descriptive.Median(found.Select(o => o.EstimationPart));
            table.Row(name, Numbers.Format(medianA, 3), Numbers.Format(Descriptive.Median(found.Select(o => o.Excess)), 3),
                Numbers.Format(found.Max(o => o.Excess), 3), Numbers.Format(medianEstimation, 3),
                Numbers.Format(Descriptive.Median(found.Select(o => o.FloorRatio)), 4), Numbers.Error(found.Max(o => o.MaxResidual)),
                $"{found.Length} / {all.Length}");
            series.Add(new Series($"tanh, κ = {Numbers.Format(scale)}", found.Select(o => o.ApproximationError).ToArray(),
                found.Select(o => o.Excess).ToArray(), SeriesStyle.Markers));
            summary.Add($"κ = {Numbers.Format(scale)}: A = {Numbers.Format(medianA, 2)}, estimation part {Numbers.Format(medianEstimation, 2)}");
        }
        double top = Math.Max(largestA, 0.01) * 1.1;
        series.Add(new Series("excess = A (no network does better)", [0.0, top], [0.0, top], SeriesStyle.Line));
        b.Figure(new Figure("approximation", "Excess population loss of the flattest interpolators found against the best-approximation error", "A / Var g",
            "E(f − g)² / Var g", series,
            $"One point per replicate, ς = 0, d = {sizes.Dimension}, n = {sizes.Samples}; the excess is A plus the estimation part E(f − Pg)² ≥ 0, " +
            $"so every point lies on or above the line."));
        b.Note("Approximation error (reported, not judged). This speaks to the abstract's \"low approximation error\" hypothesis with the suite's own " +
            "definition — the best L² error of bias-free networks of any width under the input law — since the paper's definition is not readable. " +
            "A bias-free ReLU unit is (wᵀx)₊ = |wᵀx|/2 + wᵀx/2, so the odd part of every bias-free ReLU network is linear, (f(x) − f(−x))/2 = (Σⱼ aⱼwⱼ)ᵀx/2, " +
            "and its even part is a combination of |wⱼᵀx|. A target with an odd link such as tanh is odd; under the symmetric Gaussian " +
            "measure it is orthogonal to every even function, so its best approximation by networks of any width is its best linear approximation " +
            "Pg(x) = βᵀx, β = E[x g(x)], and A = E g² − ‖β‖² is a floor that no width, training or flatness can beat: " +
            "E(f − g)² = E(f − Pg)² + A for every network (`OddLinkTarget`: moments by Gauss–Legendre quadrature, tested " +
            "against 30-digit quadrature, Monte Carlo, networks near Pg and a separate least-squares fit). " +
            "The excess is computed with the Stein cross term E[(wᵀx)₊g] = wᵀβ/2 and the estimation part through the arc-cosine kernel against the network " +
            "of Pg; E g² and ‖β‖² cancel from their difference, so this checks the cross term only, and the two must agree to " +
            $"{PythagorasTolerance:0e0}·Var g (largest disagreement here {(double.IsNaN(worst) ? "—" : Numbers.Error(worst))}); " +
            $"a disagreement is a defect of the suite, reported as an error, never as a verdict on the paper. " +
            "The representable row is the main search at ς = 0 on the same replicates (A = 0). Medians: " +
            (summary.Count > 0 ? string.Join("; ", summary) : "no interpolator found") + ".");
        return worst;
    }

    /// <summary>The search's random starts, with up to <see cref="MaximumRedraws"/> more rounds when none interpolates.</summary>
    private static FlattestInterpolatorSearchResult SearchWithRedraws(Activation activation, Dataset data, int width, int starts, Rng searchRng)
    {
        var options = new FlattestInterpolatorOptions(width, starts);
        var candidates = new List<FlattestInterpolatorCandidate>();
        for (int round = 0; round <= MaximumRedraws; round++)
        {
            candidates.AddRange(FlattestInterpolatorSearch.Run(activation, data, options, searchRng).Candidates);
            if (candidates.Any(c => c.Interpolates)) break;
        }
        return new FlattestInterpolatorSearchResult(candidates);
    }
}
