using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Flatness.Claims.Model;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>One training run of paper B's experiments as a unit of work: a cell at one seed index under one experiment seed.</summary>
internal sealed class CellRun(ulong experimentSeed, Cell cell, int seedIndex) : TrainingWork
{
    public ulong ExperimentSeed { get; } = experimentSeed;
    public Cell Cell { get; } = cell;
    public int SeedIndex { get; } = seedIndex;

    /// <inheritdoc/>
    public override string Key
    {
        get
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{ExperimentSeed};{Cell};{SeedIndex}");
            return "run-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
        }
    }

    /// <inheritdoc/>
    public override string Description => $"{Cell.Label}, seed {SeedIndex + 1}";

    /// <inheritdoc/>
    public override double Flop => Cell.Flop;

    /// <inheritdoc/>
    public override bool IsDone => TrainingExperiment.IsCached(ExperimentSeed, Cell, SeedIndex);

    /// <inheritdoc/>
    public override void Run(ClaimContext context) => TrainingExperiment.Run(context, ExperimentSeed, Cell, SeedIndex);

    /// <inheritdoc/>
    public override void Save(string directory) =>
        RunStore.Write(Path.Combine(directory, Key + ".run"), Key, TrainingExperiment.Cached(ExperimentSeed, Cell, SeedIndex)
            ?? throw new InvalidOperationException($"{Description} has not been trained in this process"));

    /// <inheritdoc/>
    public override bool TryLoad(string directory)
    {
        string path = Path.Combine(directory, Key + ".run");
        if (!File.Exists(path)) return false;
        var (train, test) = TrainingExperiment.Data(ExperimentSeed, Cell, SeedIndex);
        var start = TrainingExperiment.Start(ExperimentSeed, Cell, SeedIndex);
        var (result, lambda) = RunStore.Read(path, Key, start);
        TrainingExperiment.Store(ExperimentSeed, Cell, SeedIndex, TrainingExperiment.Evaluate(Cell, SeedIndex, result, train, test, lambda));
        return true;
    }

    /// <summary>The units of <paramref name="cells"/> at every seed of an experiment.</summary>
    public static IEnumerable<TrainingWork> All(ulong experimentSeed, IEnumerable<Cell> cells) =>
        cells.SelectMany(c => Enumerable.Range(0, ExperimentProtocol.Seeds).Select(s => (TrainingWork)new CellRun(experimentSeed, c, s)));
}
