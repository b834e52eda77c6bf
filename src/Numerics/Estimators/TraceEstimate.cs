namespace Flatness.Numerics.Estimators;

/// <summary>Probe distribution for randomized trace estimation.</summary>
public enum ProbeDistribution
{
    /// <summary>Independent ±1 entries: one-probe variance 2(‖A‖_F² − Σᵢ Aᵢᵢ²).</summary>
    Rademacher,

    /// <summary>Independent N(0, 1) entries: one-probe variance 2‖A‖_F².</summary>
    Gaussian,
}

/// <summary>A randomized trace estimate with its standard error.</summary>
/// <param name="Value">The estimate of tr A.</param>
/// <param name="StandardError">Estimated standard error (sample standard deviation / √probes of the random part).</param>
/// <param name="Products">Operator products used.</param>
/// <param name="Probes">Random probes averaged in the stochastic part.</param>
public sealed record TraceEstimate(double Value, double StandardError, int Products, int Probes)
{
    /// <summary>StandardError / |Value| (∞ when Value is 0).</summary>
    public double RelativeStandardError => Value == 0 ? double.PositiveInfinity : StandardError / Math.Abs(Value);
}
