namespace Flatness.Constructions { /// <summary>Placeholder.</summary>
public static class Placeholder { } }
