using System.Collections.Concurrent;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Training;
using Flatness.Numerics.Variation;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>Runs paper B's training experiments with the suite's engine; runs are cached per process so that claims
/// sharing a setting (B-16/B-17, B-04/B-20) train it once.</summary>
/// <remarks>Data, direction and initialisation are drawn from seeds derived from the experiment's seed, the cell's d, n,
/// width, target and initialisation scheme and the seed index, so the arms of one seed index that share those share data
/// and initialisation. The choices the paper leaves open are <see cref="ExperimentProtocol"/>'s.</remarks>
internal static class TrainingExperiment
{
    private static readonly ConcurrentDictionary<(ulong, Cell, int), Lazy<TrainedRun>> s_cache = new();

    /// <summary>Trains (or returns the cached run of) <paramref name="cell"/> at seed index <paramref name="seedIndex"/>,
    /// reporting progress to the context's listener.</summary>
    public static TrainedRun Run(ClaimContext context, ulong experimentSeed, Cell cell, int seedIndex) =>
        s_cache.GetOrAdd((experimentSeed, cell, seedIndex), k => new Lazy<TrainedRun>(() => Train(k.Item1, k.Item2, k.Item3, context.Progress))).Value;

    /// <summary>For tests only: when set, every run trains at most this many steps (its cell keeps its nominal count), so
    /// the experiment claims' plumbing can be exercised in seconds. Null in every real run.</summary>
    internal static int? StepCapForTests { get; set; }

    /// <summary>Drops cached runs (tests).</summary>
    public static void Clear() => s_cache.Clear();

    /// <summary>The number of runs in the cache (tests).</summary>
    internal static int CachedCount => s_cache.Count;

    /// <summary>Whether the run is in the cache (trained or loaded).</summary>
    public static bool IsCached(ulong experimentSeed, Cell cell, int seedIndex) =>
        s_cache.TryGetValue((experimentSeed, cell, seedIndex), out var lazy) && lazy.IsValueCreated;

    /// <summary>The cached run, or null.</summary>
    public static TrainedRun? Cached(ulong experimentSeed, Cell cell, int seedIndex) =>
        s_cache.TryGetValue((experimentSeed, cell, seedIndex), out var lazy) && lazy.IsValueCreated ? lazy.Value : null;

    /// <summary>Puts a run trained elsewhere (loaded from a shard) into the cache.</summary>
    public static void Store(ulong experimentSeed, Cell cell, int seedIndex, TrainedRun run)
    {
        var lazy = new Lazy<TrainedRun>(() => run);
        _ = lazy.Value;
        s_cache[(experimentSeed, cell, seedIndex)] = lazy;
    }

    /// <summary>The data of a cell at a seed index: training sample (with clean targets) and 2048 held-out points.</summary>
    public static (TeacherSample Train, TeacherSample Test) Data(ulong experimentSeed, Cell cell, int seedIndex)
    {
        string key = $"d={cell.D};n={cell.N};K={cell.Width};target={cell.Target};seed={seedIndex}";
        var dataRng = new Rng(Rng.DeriveSeed(experimentSeed, "data;" + key));
        if (cell.Target == Target.Linear)
        {
            var w = TeacherData.UnitDirection(cell.D, dataRng);
            return (TeacherData.Linear(cell.N, w, cell.Sigma, dataRng), TeacherData.Linear(2048, w, cell.Sigma, dataRng));
        }
        var u = new double[cell.D * cell.D];
        for (int j = 0; j < cell.D; j++) TeacherData.UnitDirection(cell.D, dataRng).CopyTo(u, j * cell.D);
        return (TeacherData.Holder(cell.N, cell.D, u, cell.Sigma, dataRng), TeacherData.Holder(2048, cell.D, u, cell.Sigma, dataRng));
    }

    /// <summary>θ₀ of a cell at a seed index.</summary>
    public static TwoLayerNetwork Start(ulong experimentSeed, Cell cell, int seedIndex)
    {
        string key = $"d={cell.D};n={cell.N};K={cell.Width};target={cell.Target};seed={seedIndex}" + (cell.Init == InitialisationScheme.HeNormal ? ";he" : "");
        var initRng = new Rng(Rng.DeriveSeed(experimentSeed, "init;" + key));
        var layout = new ParameterLayout(cell.Width, cell.D, hasHiddenBias: true, hasOutputBias: true);
        return new TwoLayerNetwork(Activation.Create(cell.Activation), layout, Initialisation.Sample(cell.Init, layout, initRng));
    }

    private static TrainedRun Train(ulong experimentSeed, Cell cell, int seedIndex, IProgress<(string, double)>? progress)
    {
        var (train, test) = Data(experimentSeed, cell, seedIndex);
        var start = Start(experimentSeed, cell, seedIndex);
        int steps = Math.Min(cell.Steps, StepCapForTests ?? int.MaxValue);
        var options = new TrainingOptions(cell.Eta, steps, cell.WeightDecay, ExperimentProtocol.Clipping,
            SharpnessEvery: Math.Min(cell.SharpnessEvery, Math.Max(steps / 4, 1)) * Math.Sign(cell.SharpnessEvery), RecordEvery: Math.Max(1, steps / 200));
        string label = $"training {cell.Label}, seed {seedIndex + 1}";
        var result = GradientDescent.Train(start, train.Data, train.Clean, options,
            progress: progress is null ? null : t => progress.Report((label, t / (double)Math.Max(cell.Steps, 1))));
        return Evaluate(cell, seedIndex, result, train, test);
    }

    /// <summary>The end-of-training measurements of a run (λ_max at the end: <paramref name="finalLambdaMax"/> when known,
    /// else the last tracked value, else measured).</summary>
    public static TrainedRun Evaluate(Cell cell, int seedIndex, TrainingResult result, TeacherSample train, TeacherSample test, double? finalLambdaMax = null)
    {
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
        double lambda = finalLambdaMax ?? (double.IsNaN(last.LambdaMax) ? FinalSharpness(net, train.Data) : last.LambdaMax);
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

    private static double Sq(double v) => v * v;
}
