namespace Flatness.Claims { /// <summary>Placeholder.</summary>
public static class Placeholder { } }
