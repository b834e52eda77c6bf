using Flatness.Claims.Model;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests;

/// <summary>Every quick claim, run once per test session with the default seed (the snapshot and staleness tests share it).</summary>
public static class QuickRun
{
    private static readonly Lazy<IReadOnlyList<ClaimOutcome>> s_outcomes =
        new(() => ClaimRunner.Run(ClaimRunner.Select(ClaimCatalog.Default, [], Profile.Quick), ClaimRunner.DefaultSeed));

    public static IReadOnlyList<ClaimOutcome> Outcomes => s_outcomes.Value;

    public static ClaimOutcome Get(string id) => Outcomes.Single(o => o.Claim.Id == id);

    public static IEnumerable<string> QuickIds() => ClaimCatalog.Default.All.Where(c => c.Profile == Profile.Quick).Select(c => c.Id);

    /// <summary>The repository root (the folder holding Flatness.Verify.sln), found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flatness.Verify.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Flatness.Verify.sln not found above the test directory");
    }
}
