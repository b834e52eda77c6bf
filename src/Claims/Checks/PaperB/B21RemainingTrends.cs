using System.Globalization;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-21: Figs. 6–7 (lower activation rate goes with larger weight norm, over firing neurons, at stable minima) and
/// Figs. 13–15 (with a Hölder-½ target the MSE-vs-n slopes of stable minima degrade from d = 1 to d = 4).</summary>
internal sealed class B21RemainingTrends() : Claim("B-21"), ITrainedClaim
{
    public IReadOnlyList<TrainingWork> Work(ClaimContext context)
    {
        var work = new List<TrainingWork>();
        foreach (var p in PaperBSettings.Computed(context))
        {
            var (stable, decay, fig7) = PaperBSettings.Fig67(p);
            work.AddRange(CellRun.All(PaperBSettings.Seed(context, "Fig. 6"), stable.Concat(decay)));
            work.AddRange(CellRun.All(PaperBSettings.Seed(context, "Fig. 7"), fig7));
            var (ds, ns, etas, wdEta, steps) = PaperBSettings.Fig13(p);
            var cells = etas.Select(e => (e, 0.0)).Append((wdEta, 0.01))
                .SelectMany(a => ds.SelectMany(d => ns.Select(n => new Cell(d, n, 2 * n, a.Item1, a.Item2, 0.5, steps, Target: Target.Holder))));
            work.AddRange(CellRun.All(PaperBSettings.Seed(context, "Figs. 13-15"), cells));
        }
        return work;
    }

    public override IReadOnlyList<string> DependsOn => ["A-36", "A-40", "A-41", "A-42"];

    public override string Title => "Rate–norm anti-correlation (Figs. 6–7) and degrading slopes for a Hoelder target (Figs. 13–15)";
    public override string Statement =>
        @"Figs. 6–7 ($n=1024$, $\eta=0.5$; Fig. 6 widths 32, 48, 64 with $\lambda\in\{0,0.05\}$, " +
        @"Fig. 7 width 16 at $d\in\{64,48,32\}$): ""neurons with smaller activation fractions carry larger weight norms. " +
        @"This monotone trend is especially visible in the stable-minima panels ($\lambda=0$)"". Figs. 13–15 (target $\frac1d\sum_j\lvert u_j^\top " +
        @"x\rvert^{1/2}+1$, $\sigma^2=0.25$, width $2n$, stable minima trained with $\eta\in\{0.05,0.1,0.2,0.4\}$ against weight decay " +
        @"$\lambda=0.01$): ""the generalization slopes of stable minima degrades as dimension increase from 1 to 4"" (paper B, Appendix A.3, A.7).";
    public override string Method =>
        "Figs. 6–7: per trained network, Spearman's ρ between r_k and the path weight |a_k|·‖w_k‖ over its firing neurons (silent ones " +
        "excluded); the neurons of one network are dependent, so the unit is the network: the mean of the 5 per-seed ρ with Student-t " +
        "bounds. Criteria: ρ < 0 in every stable-minima panel (Fig. 6 at λ = 0, three widths; Fig. 7, three dimensions); the λ = 0.05 " +
        "panels are the paper's baseline and are reported only. Figs. 13–15: at each (η, d, n) the median in-sample MSE over 5 seeds; " +
        "the decay rate s(d) = −slope of log10 median MSE on log10 n (Student-t bounds); criterion for each of the four step sizes: " +
        "s(1) − s(4) > 0 (a Welch test of the difference). The weight-decay arm is reported. Fig. 8 (GELU) is B-41.";

    public override Evidence Check(ClaimContext context)
    {
        var b = new EvidenceBuilder();
        bool paper = PaperBSettings.IsPaper(context.RunProfile);
        var rho = MeasureRho(context, context.RunProfile);
        var rhoReduced = paper ? MeasureRho(context, Profile.Full) : rho;
        var hol = MeasureHolder(context, context.RunProfile);
        var holReduced = paper ? MeasureHolder(context, Profile.Full) : hol;
        b.Parameter("profile", context.RunProfile.Name()).Parameter("seeds", Numbers.Count(ExperimentProtocol.Seeds));
        var t1 = b.Table("Figs. 6–7: Spearman(r_k, |a_k| ||w_k||) over firing neurons, per seed", "panel", "rho per seed",
            "mean rho", "firing neurons per seed");
        foreach (var p in rho)
            t1.Row(p.Name, string.Join(", ", p.Rho.Select(v => Numbers.Format(v, 3))), Numbers.Format(p.Mean, 3), string.Join(", ", p.Firing));
        var t2 = b.Table("Figs. 13–15: decay rates s(d) on seed-median in-sample MSE", "arm", "d", "s", "Student bounds 95%");
        foreach (var kv in hol.Rates) t2.Row(kv.Key.Arm, Numbers.Count(kv.Key.D), Numbers.Format(kv.Value.Value, 3),
            $"[{Numbers.Format(kv.Value.Lower(0.025), 3)}, {Numbers.Format(kv.Value.Upper(0.025), 3)}]");
        var t3 = b.Table("Figs. 13–15: seed-median MSE", "arm", "d", "n", "in-sample MSE", "held-out MSE");
        foreach (var row in hol.Rows) t3.Row(row);
        var cmp = ExperimentProtocol.Comparison(b);
        string Rhos(List<Panel> x) => string.Join("; ", x.Where(p => p.Decides).Select(p => $"{p.Name}: {Numbers.Format(p.Mean, 2)}"));
        cmp.Row("mean per-seed Spearman(r_k, norm), stable-minima panels", "\"neurons with smaller activation fractions carry larger weight norms\"",
            paper ? Rhos(rho) : ExperimentProtocol.NotRun, Rhos(rhoReduced));
        string Drops(Holder x) => string.Join("; ", x.Etas.Select(e => $"eta {Numbers.Format(e)}: " +
            $"{Numbers.Format(x.Rates[(Arm(e), 1)].Value, 2)} → {Numbers.Format(x.Rates[(Arm(e), x.Ds[^1])].Value, 2)}"));
        cmp.Row("decay rates s(1) → s(4), stable minima", "\"the generalization slopes of stable minima degrades as dimension increase from 1 to 4\"",
            paper ? Drops(hol) : ExperimentProtocol.NotRun, Drops(holReduced));
        foreach (var p in rho.Where(p => p.Decides))
        {
            var finite = p.Rho.Where(double.IsFinite).ToList();
            if (finite.Count >= 2) b.Criterion(Criterion.Statistical($"{p.Name}: mean per-seed Spearman rho", Replicates.Mean(finite), Region.Below(0)));
            else b.Criterion(Criterion.Premise($"{p.Name}: at least two networks with 4 or more firing neurons", false, $"{finite.Count} such networks"));
        }
        foreach (double eta in hol.Etas)
            b.Criterion(Criterion.Statistical($"Hoelder target, eta = {Numbers.Format(eta)}: s(1) − s({hol.Ds[^1]})",
                StudentBounds.Difference(hol.Rates[(Arm(eta), 1)], hol.Rates[(Arm(eta), hol.Ds[^1])]), Region.Above(0)));
        foreach (var p in rho) b.Metric("spearman_" + p.Key, p.Mean, 3);
        b.Note(ExperimentProtocol.SizesNote(context.RunProfile, PaperBSettings.Fig67PaperSizes + "; " + PaperBSettings.Fig13PaperSizes,
            PaperBSettings.Fig67ReducedSizes + "; " + PaperBSettings.Fig13ReducedSizes));
        b.Note(ExperimentProtocol.CommonQuote + " Figs. 13–15 use width 2n and sigma² = 0.25, as Appendix A.7 says.");
        b.Note(ExperimentProtocol.Choices(rho[0].Steps));
        b.Note("Readings fixed before running: the rate–norm trend is Spearman's rho over firing neurons, tested with the network as the " +
               "unit; \"the generalization slopes degrade from d = 1 to 4\" — s(1) − s(4) > 0 for every stable-minima step size, on the " +
               "in-sample MSE against the clean target (held-out in the table). Fig. 8 repeats Fig. 4 with GELU networks: B-41.");
        return b.Decide(VerdictMethod.Experiment,
            "in every stable-minima panel of Figs. 6–7 lower activation rates go with larger norms, " +
            "and for the Hoelder target every step size's decay rate falls from d = 1 to d = 4, as the paper reports.",
            Rhos(rho));
    }

    private static string Arm(double eta) => "GD eta=" + eta.ToString("G3", CultureInfo.InvariantCulture);

    private sealed record Panel(string Key, string Name, bool Decides, double[] Rho, string[] Firing, int Steps)
    {
        public double Mean => Rho.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
    }

    private static List<Panel> MeasureRho(ClaimContext context, Profile profile)
    {
        var (stable, decay, fig7) = PaperBSettings.Fig67(profile);
        var panels = new List<Panel>();
        void Add(string key, string name, bool decides, Cell cell, string figure)
        {
            ulong seed = PaperBSettings.Seed(context, figure);
            var runs = Enumerable.Range(0, ExperimentProtocol.Seeds).Select(s => TrainingExperiment.Run(context, seed, cell, s)).ToList();
            var rhos = runs.Select(r =>
            {
                var firing = r.Neurons.Firing;
                return firing.Count < 4 ? double.NaN
                    : RankCorrelation.Rho(firing.Select(k => r.Neurons.ActivationRates[k]).ToArray(), firing.Select(k => r.Neurons.PathWeights[k]).ToArray());
            }).ToArray();
            panels.Add(new Panel(key, name, decides, rhos, runs.Select(r => Numbers.Count(r.Neurons.Firing.Count)).ToArray(), cell.Steps));
        }
        foreach (var c in stable) Add($"fig6_W{c.Width}", $"Fig. 6, width {c.Width}, lambda = 0", true, c, "Fig. 6");
        foreach (var c in decay) Add($"fig6_W{c.Width}_wd", $"Fig. 6, width {c.Width}, lambda = 0.05 (baseline, reported)", false, c, "Fig. 6");
        foreach (var c in fig7) Add($"fig7_d{c.D}", $"Fig. 7, width {c.Width}, d = {c.D}", true, c, "Fig. 7");
        return panels;
    }

    private sealed record Holder(int[] Ds, double[] Etas, Dictionary<(string Arm, int D), StudentBounds> Rates, List<string[]> Rows);

    private static Holder MeasureHolder(ClaimContext context, Profile profile)
    {
        var (ds, ns, etas, wdEta, steps) = PaperBSettings.Fig13(profile);
        ulong seed = PaperBSettings.Seed(context, "Figs. 13-15");
        var h = new Holder(ds, etas, [], []);
        foreach (var (arm, eta, wd) in etas.Select(e => (Arm(e), e, 0.0)).Append(("WD 0.01", wdEta, 0.01)))
            foreach (int d in ds)
            {
                var x = new List<double>(); var y = new List<double>();
                foreach (int n in ns)
                {
                    var cell = new Cell(d, n, 2 * n, eta, wd, 0.5, steps, Target: Target.Holder);
                    var runs = Enumerable.Range(0, ExperimentProtocol.Seeds).Select(s => TrainingExperiment.Run(context, seed, cell, s)).ToList();
                    double med = Descriptive.Median(runs.Select(r => r.CleanMse));
                    x.Add(Math.Log10(n)); y.Add(Math.Log10(med));
                    h.Rows.Add([arm, Numbers.Count(d), Numbers.Count(n), Numbers.Format(med, 3),
                        Numbers.Format(Descriptive.Median(runs.Select(r => r.HeldOutMse)), 3)]);
                }
                var fit = LinearFit.Fit(x, y).SlopeBounds();
                h.Rates[(arm, d)] = new StudentBounds(-fit.Value, fit.Error, fit.DegreesOfFreedom);
            }
        return h;
    }
}
