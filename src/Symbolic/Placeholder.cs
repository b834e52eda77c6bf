namespace Flatness.Symbolic { /// <summary>Placeholder.</summary>
public static class Placeholder { } }
