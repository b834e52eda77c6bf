using System.Collections.Concurrent;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;
using Flatness.Numerics.Variation;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>Which target a setting trains on.</summary>
internal enum Target
{
    /// <summary>f₀(x) = wᵀx, w a fixed unit vector (paper B §9, all experiments but Figs. 13–15).</summary>
    Linear,
    /// <summary>f₀(x) = (1/d)Σⱼ|uⱼᵀx|^{1/2} + 1 (Figs. 13–15).</summary>
    Holder,
}

/// <summary>One experiment cell of paper B §9: data, network, optimiser.</summary>
/// <param name="D">Input dimension d.</param>
/// <param name="N">Samples n.</param>
/// <param name="Width">Neurons K.</param>
/// <param name="Eta">Learning rate η.</param>
/// <param name="WeightDecay">λ (0 for plain GD).</param>
/// <param name="Sigma">Noise standard deviation σ.</param>
/// <param name="Steps">Full-batch steps (= epochs).</param>
/// <param name="SharpnessEvery">λ_max every this many steps (0: only at the end).</param>
/// <param name="Target">The target function.</param>
internal sealed record Cell(int D, int N, int Width, double Eta, double WeightDecay, double Sigma, int Steps, int SharpnessEvery = 0,
    Target Target = Target.Linear)
{
    public string Label => $"d={D}, n={N}, K={Width}, eta={Fmt(Eta)}, wd={Fmt(WeightDecay)}, sigma={Fmt(Sigma)}, steps={Steps}" +
                           (Target == Target.Holder ? ", Hoelder target" : "");

    private static string Fmt(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One trained run of a cell at one seed index.</summary>
/// <param name="Cell">The setting.</param>
/// <param name="SeedIndex">0-based initialisation/data index.</param>
/// <param name="Result">Final network and trajectory.</param>
/// <param name="Data">The training data.</param>
/// <param name="Neurons">Activation rates and norms at the end.</param>
/// <param name="CleanMse">In-sample (1/n)Σ(f(xᵢ) − f₀(xᵢ))² at the end.</param>
/// <param name="HeldOutMse">The same on 2048 fresh points.</param>
/// <param name="FinalLoss">L̂(θ_T) with the 1/(2n) convention.</param>
/// <param name="FinalLambdaMax">λ_max(∇²L̂(θ_T)).</param>
/// <param name="Optimized">Whether (f(xᵢ) − yᵢ)² ≤ (f₀(xᵢ) − yᵢ)² for every i (Theorem 3.6's condition).</param>
internal sealed record TrainedRun(Cell Cell, int SeedIndex, TrainingResult Result, Dataset Data, NeuronStatistics Neurons,
    double CleanMse, double HeldOutMse, double FinalLoss, double FinalLambdaMax, bool Optimized);

/// <summary>Runs paper B's training experiments (spec §9) with the suite's engine; runs are cached per process so that
/// claims sharing a setting (B-16/B-17, B-04/B-20) train it once.</summary>
/// <remarks>Choices the paper leaves open, stated on every page through <see cref="Choices"/>: Kaiming variant
/// (<see cref="KaimingInitialisation.Description"/>); clipping of the gradient norm at 50 in steps 0..9 (one full-batch
/// step = one epoch); weight decay as the L2 term λθ on all parameters; w ~ Unif(S^{d−1}) drawn once per seed; data,
/// direction and initialisation drawn from seeds derived from the claim seed, the cell's d and n and the seed index
/// (so the GD and WD arms of one seed index share data and initialisation).</remarks>
internal static class TrainingExperiment
{
    private static readonly ConcurrentDictionary<(ulong, Cell, int), Lazy<TrainedRun>> s_cache = new();

    public const string Choices =
        "Choices the paper leaves open (this suite's): " + KaimingInitialisation.Description + "; gradient-norm clipping at 50 " +
        "in the first 10 steps (full batch: one step = one epoch), applied to the data gradient before weight decay; weight decay " +
        "as lambda*theta added to the gradient of every parameter (PyTorch SGD); the unit direction w ~ Unif(S^(d-1)) drawn per seed; " +
        "the GD and WD arms of one seed share data and initialisation; loss (1/(2n)) sum r^2; lambda_max by Lanczos on the exact " +
        "Hessian-vector product (warm-started, relative residual 1e-6, at most 60 steps); held-out MSE on 2048 fresh points.";

    /// <summary>Trains (or returns the cached run of) <paramref name="cell"/> at seed index <paramref name="seedIndex"/>.</summary>
    public static TrainedRun Run(ulong claimSeed, Cell cell, int seedIndex) =>
        s_cache.GetOrAdd((claimSeed, cell, seedIndex), k => new Lazy<TrainedRun>(() => Train(k.Item1, k.Item2, k.Item3))).Value;

    /// <summary>Drops cached runs (tests).</summary>
    public static void Clear() => s_cache.Clear();

    private static TrainedRun Train(ulong claimSeed, Cell cell, int seedIndex)
    {
        string key = $"d={cell.D};n={cell.N};K={cell.Width};target={cell.Target};seed={seedIndex}";
        var dataRng = new Rng(Rng.DeriveSeed(claimSeed, "data;" + key));
        var initRng = new Rng(Rng.DeriveSeed(claimSeed, "init;" + key));
        TeacherSample train, test;
        if (cell.Target == Target.Linear)
        {
            var w = TeacherData.UnitDirection(cell.D, dataRng);
            train = TeacherData.Linear(cell.N, w, cell.Sigma, dataRng);
            test = TeacherData.Linear(2048, w, cell.Sigma, dataRng);
        }
        else
        {
            var u = new double[cell.D * cell.D];
            for (int j = 0; j < cell.D; j++) TeacherData.UnitDirection(cell.D, dataRng).CopyTo(u, j * cell.D);
            train = TeacherData.Holder(cell.N, cell.D, u, cell.Sigma, dataRng);
            test = TeacherData.Holder(2048, cell.D, u, cell.Sigma, dataRng);
        }
        var layout = new ParameterLayout(cell.Width, cell.D, hasHiddenBias: true, hasOutputBias: true);
        var start = new TwoLayerNetwork(new Relu(), layout, KaimingInitialisation.Sample(layout, initRng));
        var options = new TrainingOptions(cell.Eta, cell.Steps, cell.WeightDecay, GradientClipping.PaperB,
            SharpnessEvery: cell.SharpnessEvery, RecordEvery: Math.Max(1, cell.Steps / 200));
        string label = $"training {cell.Label}, seed {seedIndex + 1}";
        var result = GradientDescent.Train(start, train.Data, train.Clean, options,
            progress: t => Running.ClaimProgress.Report(label, t / (double)cell.Steps));
        var net = result.Final;
        var f = net.Predict(train.Data);
        var ft = net.Predict(test.Data);
        double mse = 0, held = 0, loss = 0;
        bool optimized = true;
        for (int i = 0; i < f.Length; i++)
        {
            double y = train.Data.Target(i);
            mse += Sq(f[i] - train.Clean[i]);
            loss += Sq(f[i] - y);
            if (Sq(f[i] - y) > Sq(train.Clean[i] - y)) optimized = false;
        }
        for (int i = 0; i < ft.Length; i++) held += Sq(ft[i] - test.Clean[i]);
        var last = result.Trajectory[^1];
        double lambda = double.IsNaN(last.LambdaMax) ? FinalSharpness(net, train.Data) : last.LambdaMax;
        return new TrainedRun(cell, seedIndex, result, train.Data, NeuronStatistics.Compute(net, train.Data), mse / f.Length,
            held / ft.Length, loss / (2.0 * f.Length), lambda, optimized);
    }

    private static double FinalSharpness(TwoLayerNetwork net, Dataset data)
    {
        var op = Numerics.Curvature.HessianOperator.Create(net, data, LossConvention.HalfMse);
        var start = new double[op.Dimension];
        new Rng(20261128).FillGaussian(start);
        return Numerics.Spectral.Lanczos.Largest(op, start, 100, 1e-8).Value;
    }

    /// <summary>The weighted path norm Σ|aₖ|‖wₖ‖ĝ (raw sum, ≥ |f|_{V_g}) of a run's final network on its data.</summary>
    public static double PathNorm(TrainedRun run) => WeightedPathNorm.Compute(run.Result.Final, run.Data);

    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        if (s.Length == 0) return double.NaN;
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    private static double Sq(double v) => v * v;
}
