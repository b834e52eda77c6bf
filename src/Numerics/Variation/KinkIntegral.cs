using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Variation;

/// <summary>The kink integral of a univariate piecewise-linear network and the rounding bound of its measurement.</summary>
/// <param name="Value">Σ over the distinct kinks s ∈ (−1, 1) of |f′(s⁺) − f′(s⁻)|·(1 − |s|)³.</param>
/// <param name="RoundingBound">Σ 4ε_mach·max|f|/h·(1 − |s|)³: the rounding error of the slopes measured over steps h.</param>
/// <param name="Kinks">The number of distinct kinks inside (−1, 1).</param>
public sealed record KinkIntegralResult(double Value, double RoundingBound, int Kinks);

/// <summary>∫₋₁¹|f″(x)|(1 − |x|)³dx for a network f of one input whose activation is piecewise linear (ReLU, leaky ReLU,
/// |·|), measured from values of f alone (paper B Theorem 3.4 with d = 1 and the canonical weight (1 − |t|)^{d+2}; spec
/// B-14).</summary>
/// <remarks>
/// f is linear between kinks, so f″ is a sum of point masses: ∫|f″|(1 − |x|)³ = Σₛ|f′(s⁺) − f′(s⁻)|(1 − |s|)³ over the
/// distinct kinks s = −bⱼ/wⱼ inside (−1, 1) (kinks closer than 10⁻⁹ are one kink). Each jump is measured from four values
/// of f at s ± h and s ± 2h, h a third of the distance to the nearest other kink, where f is exactly linear: no merged
/// coefficient of the network is used, which makes this an independent reference for the reduced seminorm of
/// <see cref="WeightedVariation"/>. For ReLU neurons with distinct kinks it equals Σⱼ|aⱼ||wⱼ|(1 − |sⱼ|)³; an antipodal pair
/// a·σ(z) + a′·σ(−z) has the single jump |a + a′||w|.
/// </remarks>
public static class KinkIntegral
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The kink integral of <paramref name="network"/> (input dimension 1).</summary>
    public static KinkIntegralResult Univariate(TwoLayerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputDimension != 1) throw new ArgumentException($"the kink integral needs one input, the network has {network.InputDimension}");
        var kinks = new List<double>();
        for (int k = 0; k < network.Width; k++)
        {
            double w = network.HiddenWeight(k)[0];
            if (w != 0) kinks.Add(-network.HiddenBias(k) / w);
        }
        var inside = kinks.Where(s => Math.Abs(s) < 1).Order().ToList();
        var distinct = new List<double>();
        foreach (double s in inside)
            if (distinct.Count == 0 || s - distinct[^1] > 1e-9) distinct.Add(s);
        double sum = 0, rounding = 0;
        foreach (double s in distinct)
        {
            double gap = kinks.Where(o => Math.Abs(o - s) > 1e-9).Select(o => Math.Abs(o - s)).DefaultIfEmpty(1).Min();
            double h = gap / 3;
            double right = (network.Evaluate([s + 2 * h]) - network.Evaluate([s + h])) / h;
            double left = (network.Evaluate([s - h]) - network.Evaluate([s - 2 * h])) / h;
            double weight = Math.Pow(1 - Math.Abs(s), 3);
            sum += Math.Abs(right - left) * weight;
            double fmax = new[] { s - 2 * h, s - h, s + h, s + 2 * h }.Max(x => Math.Abs(network.Evaluate([x])));
            rounding += 4 * MachineEpsilon * fmax / h * weight;
        }
        return new KinkIntegralResult(sum, rounding, distinct.Count);
    }
}
