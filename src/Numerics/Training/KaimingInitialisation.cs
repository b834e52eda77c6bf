using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Training;

/// <summary>He-normal initialisation (<see cref="InitialisationScheme.HeNormal"/>), kept for callers that name it.</summary>
public static class KaimingInitialisation
{
    /// <summary>A description of the variant for reports.</summary>
    public static string Description => Initialisation.Describe(InitialisationScheme.HeNormal);

    /// <summary>Samples θ for the layout (<see cref="Initialisation.Sample"/> with <see cref="InitialisationScheme.HeNormal"/>).</summary>
    public static double[] Sample(ParameterLayout layout, Rng rng) => Initialisation.Sample(InitialisationScheme.HeNormal, layout, rng);
}
