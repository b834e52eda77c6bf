using Flatness.Numerics.Networks;

namespace Flatness.Inputs;

/// <summary>An append-only sequence of doubles in fixed-size blocks: growing it never copies what is already stored,
/// so reading n values peaks at about n doubles plus one block (a <see cref="List{T}"/> would peak at 3n while it
/// doubles its buffer). <see cref="ToDataset"/> hands its blocks back as it copies them, so the copy peaks at about
/// n doubles plus the part not yet copied.</summary>
internal sealed class ChunkedDoubles
{
    private const int BlockLength = 1 << 16;
    private readonly List<double[]> _blocks = [];
    private int _used = BlockLength;

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (_used == BlockLength)
        {
            _blocks.Add(new double[BlockLength]);
            _used = 0;
        }
        _blocks[^1][_used++] = value;
        Count++;
    }

    /// <summary>Splits row-major rows of <paramref name="columns"/> values into inputs (all but the last) and targets.</summary>
    public Dataset ToDataset(int rows, int columns)
    {
        int d = columns - 1;
        var inputs = new double[(long)rows * d];
        var targets = new double[rows];
        long k = 0;
        int blockIndex = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < columns; c++, k++)
            {
                double v = _blocks[(int)(k / BlockLength)][k % BlockLength];
                if (c < d) inputs[(long)i * d + c] = v;
                else targets[i] = v;
            }
            // release blocks already consumed
            while (blockIndex < k / BlockLength) _blocks[blockIndex++] = [];
        }
        _blocks.Clear();
        return Dataset.Adopt(inputs, targets, d);
    }
}
