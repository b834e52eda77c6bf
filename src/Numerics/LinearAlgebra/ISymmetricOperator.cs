namespace Flatness.Numerics.LinearAlgebra;

/// <summary>A symmetric linear operator A ∈ ℝ^{P×P} known only through its product v ↦ Av.</summary>
/// <remarks>One abstraction per concept (curvlinops): the exact Hessian, the Gauss–Newton matrix and a dense test
/// matrix all implement it, so Lanczos and the trace estimators run on any of them.</remarks>
public interface ISymmetricOperator
{
    /// <summary>P.</summary>
    int Dimension { get; }

    /// <summary>result := A·v.</summary>
    /// <param name="vector">v, of length P.</param>
    /// <param name="result">Receives Av, of length P.</param>
    void Multiply(ReadOnlySpan<double> vector, Span<double> result);
}

/// <summary>A dense symmetric matrix as an <see cref="ISymmetricOperator"/> (tests, oracles, small problems).</summary>
public sealed class DenseSymmetricOperator : ISymmetricOperator
{
    private readonly double[] _matrix;

    /// <summary>Wraps a row-major P×P matrix; it is symmetrised as (A + Aᵀ)/2.</summary>
    public DenseSymmetricOperator(ReadOnlySpan<double> matrix, int dimension)
    {
        if (dimension < 1 || matrix.Length != dimension * dimension)
            throw new ArgumentException($"a {dimension}x{dimension} matrix needs {dimension * dimension} entries, got {matrix.Length}");
        Dimension = dimension;
        _matrix = new double[matrix.Length];
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++)
                _matrix[i * dimension + j] = 0.5 * (matrix[i * dimension + j] + matrix[j * dimension + i]);
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The symmetrised matrix, row-major.</summary>
    public ReadOnlySpan<double> Matrix => _matrix;

    /// <summary>Entry (i, j).</summary>
    public double this[int i, int j] => _matrix[i * Dimension + j];

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> vector, Span<double> result)
    {
        if (vector.Length != Dimension || result.Length != Dimension) throw new ArgumentException("dimension mismatch");
        for (int i = 0; i < Dimension; i++)
            result[i] = System.Numerics.Tensors.TensorPrimitives.Dot(_matrix.AsSpan(i * Dimension, Dimension), vector);
    }

    /// <summary>tr A.</summary>
    public double Trace()
    {
        double t = 0;
        for (int i = 0; i < Dimension; i++) t += _matrix[i * Dimension + i];
        return t;
    }

    /// <summary>‖A‖_F².</summary>
    public double FrobeniusNormSquared() => System.Numerics.Tensors.TensorPrimitives.SumOfSquares(_matrix.AsSpan());

    /// <summary>All eigenvalues, ascending (dense symmetric eigendecomposition; O(P³)).</summary>
    public double[] Eigenvalues() => SymmetricEigen.Eigenvalues(_matrix, Dimension);

    /// <summary>Materialises any operator by applying it to the unit vectors (P products).</summary>
    public static DenseSymmetricOperator FromOperator(ISymmetricOperator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        int p = op.Dimension;
        var m = new double[p * p];
        var e = new double[p];
        var col = new double[p];
        for (int j = 0; j < p; j++)
        {
            e[j] = 1.0;
            op.Multiply(e, col);
            e[j] = 0.0;
            for (int i = 0; i < p; i++) m[i * p + j] = col[i];
        }
        return new DenseSymmetricOperator(m, p);
    }
}
