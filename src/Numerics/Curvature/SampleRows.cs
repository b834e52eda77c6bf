using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>Where a curvature computation gets the rows σ(zᵢ·), σ'(zᵢ·), σ''(zᵢ·) of a block of samples: from the
/// cached n×m arrays of a <see cref="NetworkEvaluation"/>, or recomputed into O(block × m) scratch by a
/// <see cref="StreamingEvaluation"/>.</summary>
/// <remarks>Both sources produce the same bits for the same rows (the pre-activations come from the same blocked
/// product, whose entries do not depend on the row blocking), so every consumer gives identical results on either.</remarks>
internal abstract class SampleRows
{
    protected SampleRows(TwoLayerNetwork network, LossConvention loss, int samples, double[] augmentedInputs, double[] outputWeights,
        double[] residuals, double[] inputNormsSquared)
    {
        Network = network;
        Samples = samples;
        Width = network.Width;
        AugmentedDimension = network.Layout.AugmentedDimension;
        X = augmentedInputs;
        A = outputWeights;
        Residuals = residuals;
        InputNormsSquared = inputNormsSquared;
        Scale = loss.CurvatureScale(samples);
    }

    public TwoLayerNetwork Network { get; }
    public int Samples { get; }
    public int Width { get; }
    public int AugmentedDimension { get; }
    /// <summary>X̃, row-major n×D̃.</summary>
    public double[] X { get; }
    /// <summary>a.</summary>
    public double[] A { get; }
    /// <summary>rᵢ.</summary>
    public double[] Residuals { get; }
    /// <summary>‖x̃ᵢ‖².</summary>
    public double[] InputNormsSquared { get; }
    /// <summary>2/(νn).</summary>
    public double Scale { get; }
    /// <summary>Whether the cache holds σ'' (k ≥ 2 and the smooth activations).</summary>
    public bool HasSecondDerivatives => !Network.Activation.IsPiecewiseLinear;

    /// <summary>Whether rows are recomputed on every request.</summary>
    public abstract bool Recomputes { get; }

    /// <summary>Rows [r0, r1) (at most <see cref="SampleBlocks.RowsPerBlock"/>); valid until this thread's next call.</summary>
    public abstract RowView Rows(int r0, int r1);
}

/// <summary>σ, σ', σ'' (σ'' null for a piecewise-linear σ) of a block of rows; row i sits at <c>Offset + (i − r0)·m</c>.</summary>
internal readonly record struct RowView(double[] S, double[] S1, double[]? S2, int Offset);

/// <summary>The cached source: spans into the arrays of a <see cref="NetworkEvaluation"/>.</summary>
internal sealed class CachedRows(NetworkEvaluation e) : SampleRows(e.Network, e.Loss, e.Samples, e.AugmentedInputs, e.OutputWeights,
    e.Residuals, e.InputNormsSquared)
{
    public override bool Recomputes => false;

    public override RowView Rows(int r0, int r1) => new(e.Values, e.FirstDerivatives, e.SecondDerivatives, r0 * e.Width);
}

/// <summary>The fixed partition of the samples that every streaming reduction uses: blocks of
/// <see cref="RowsPerBlock"/> rows, grouped into at most <see cref="MaxLanes"/> lanes of consecutive blocks, each lane
/// with its own partial sums, combined in lane order.</summary>
/// <remarks>The partition depends on n, m and D̃ only, never on the thread count, so results are bit-identical for any
/// <see cref="Parallelism.MaxDegreeOfParallelism"/>. Partial sums cost L·(m·D̃ + m + 1) doubles with L ≤
/// <see cref="MaxLanes"/> (and L·m·D̃ ≤ <see cref="MaxPartialDoubles"/>): memory O(m·d), independent of n.</remarks>
internal static class SampleBlocks
{
    /// <summary>Rows per block (a multiple of <see cref="ForwardPass.RowsPerChunk"/>).</summary>
    public const int RowsPerBlock = 128;

    /// <summary>Most lanes (parallel partial sums).</summary>
    public const int MaxLanes = 64;

    /// <summary>Cap on the doubles held by m×D̃ partial sums across lanes (256 MiB).</summary>
    public const long MaxPartialDoubles = 1L << 25;

    /// <summary>Number of blocks covering n samples.</summary>
    public static int Blocks(int samples) => Parallelism.ChunkCount(samples, RowsPerBlock);

    /// <summary>The number of lanes L for n samples with m×D̃ partial sums of <paramref name="partialSize"/> doubles.</summary>
    public static int Lanes(int samples, long partialSize)
    {
        long byMemory = Math.Max(1, MaxPartialDoubles / Math.Max(1, partialSize));
        return (int)Math.Max(1, Math.Min(Math.Min(MaxLanes, Blocks(samples)), byMemory));
    }

    /// <summary>Blocks [b0, b1) of lane ℓ out of L over B blocks: ⌊ℓB/L⌋ to ⌊(ℓ+1)B/L⌋.</summary>
    public static (int B0, int B1) LaneBlocks(int lane, int lanes, int blocks) =>
        ((int)((long)lane * blocks / lanes), (int)((long)(lane + 1) * blocks / lanes));
}
