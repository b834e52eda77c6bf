namespace Flatness.Claims.Model;

/// <summary>A paper the suite checks, read from the head of its specification <c>docs/spec/paper-X.md</c>: the first line
/// <c># Specification — Paper X: title</c> and a line <c>**Short citation.** …</c>.</summary>
/// <param name="Letter">X: the prefix of its claim ids (X-01, X-02, …).</param>
/// <param name="Title">The specification's title after "Paper X:".</param>
/// <param name="Citation">The short citation (authors, venue, arXiv id).</param>
public sealed record Paper(string Letter, string Title, string Citation)
{
    /// <summary>"X — citation", as claim pages show it.</summary>
    public string Describe() => $"{Letter} — {Citation}";

    /// <inheritdoc />
    public override string ToString() => Letter;
}
