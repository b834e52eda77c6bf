using System.Text.Json;

namespace Flatness.Cli.Tests.Commands;

public class CheckCommandTests
{
    [Test]
    public void Check_SomeClaims_WritesReports_PrintsASummary_ExitZero()
    {
        using var cli = new CliRunner();
        string dir = Path.Combine(cli.Folder, "out");
        var (code, output, err) = cli.Run("check", "A-21", "B-15", "--out", dir);
        Assert.That(code, Is.EqualTo(0), err + output);
        Assert.That(output, Does.Contain("[1/3] A-34 confirmed").Or.Contain("A-34"), "dependencies run first");
        Assert.That(output, Does.Contain("3 claims: 3 confirmed"));
        Assert.That(File.Exists(Path.Combine(dir, "claims", "A-21.md")));
        Assert.That(File.Exists(Path.Combine(dir, "claims", "A-34.md")));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var root = results.RootElement;
        Assert.That(root.GetProperty("profile").GetString(), Is.EqualTo("quick"));
        Assert.That(root.GetProperty("seed").GetUInt64(), Is.EqualTo(20261122UL));
        var ids = root.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.That(ids, Is.EqualTo(new[] { "A-21", "A-34", "B-15" }));
        foreach (var c in root.GetProperty("claims").EnumerateArray())
            foreach (var field in new[] { "id", "title", "paper", "provenance", "kind", "verdict", "reason", "metrics" })
                Assert.That(c.TryGetProperty(field, out _), Is.True, field);
    }

    [Test]
    public void Check_TwiceWithTheSameSeed_GivesByteIdenticalReports_AnotherSeedDiffers()
    {
        using var cli = new CliRunner();
        string a = Path.Combine(cli.Folder, "a"), b = Path.Combine(cli.Folder, "b"), c = Path.Combine(cli.Folder, "c");
        cli.Run("check", "A-05", "--out", a);
        cli.Run("check", "A-05", "--out", b);
        cli.Run("check", "A-05", "--out", c, "--seed", "7");
        string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));
        Assert.That(Read(b, "claims/A-05.md"), Is.EqualTo(Read(a, "claims/A-05.md")));
        Assert.That(Read(b, "results.json"), Is.EqualTo(Read(a, "results.json")));
        Assert.That(Read(b, "figures/A-05-orbit.svg"), Is.EqualTo(Read(a, "figures/A-05-orbit.svg")));
        Assert.That(Read(c, "claims/A-05.md"), Is.Not.EqualTo(Read(a, "claims/A-05.md")));
        Assert.That(Read(c, "claims/A-05.md"), Does.Contain("check A-05 --seed 7"));
    }

    [TestCase("check", "Z-99")]
    [TestCase("check", "--profile", "huge")]
    [TestCase("check", "--seed", "-3")]
    [TestCase("check", "A-21", "--out", "/proc/version/reports")]
    [TestCase("list", "--bogus")]
    [TestCase("check", "A-21", "--seeds", "0")]
    [TestCase("check", "A-21", "--seeds", "two")]
    [TestCase("check", "A-21", "--seeds", "-4")]
    public void BadInput_ExitTwo_NothingOnStdout_NothingWritten(params string[] args)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run(args);
        Assert.That(code, Is.EqualTo(2), err + output);
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.StartWith("error: "));
    }

    [Test]
    public void Check_Seeds_RecordsConfirmedAtKOfKSeeds_InResultsAndIndex_AndTheReportsShowTheRunSeed()
    {
        using var cli = new CliRunner();
        string dir = Path.Combine(cli.Folder, "sweep"), plain = Path.Combine(cli.Folder, "plain");
        var (code, output, err) = cli.Run("check", "A-05", "--seeds", "3", "--out", dir);
        Assert.That(code, Is.EqualTo(0), err + output);
        Assert.That(output, Does.Contain("Seed sweep: every claim confirmed at all 3 seeds."));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var entry = results.RootElement.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "A-05");
        Assert.That(entry.GetProperty("sweep").GetProperty("seeds").GetInt32(), Is.EqualTo(3));
        Assert.That(entry.GetProperty("sweep").GetProperty("confirmed").GetInt32(), Is.EqualTo(3));
        Assert.That(results.RootElement.GetProperty("run").GetProperty("seeds").GetInt32(), Is.EqualTo(3));
        string index = File.ReadAllText(Path.Combine(dir, "README.md"));
        Assert.That(index, Does.Contain("| **confirmed** | 3/3 |"));
        Assert.That(index, Does.Contain("--seeds 3`"));
        // The claim page is the page of the run seed, identical to a run without a sweep.
        cli.Run("check", "A-05", "--out", plain);
        Assert.That(File.ReadAllText(Path.Combine(dir, "claims", "A-05.md")), Is.EqualTo(File.ReadAllText(Path.Combine(plain, "claims", "A-05.md"))));
    }

    [Test]
    public void List_Json_HasEveryClaimWithItsMetadata()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("list", "--json");
        Assert.That(code, Is.EqualTo(0));
        using var doc = JsonDocument.Parse(output);
        var claims = doc.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.That(claims, Has.Count.EqualTo(Flatness.Claims.Running.ClaimCatalog.Default.All.Count));
        var a05 = claims.Single(c => c.GetProperty("id").GetString() == "A-05");
        Assert.That(a05.GetProperty("provenance").GetString(), Is.EqualTo("[derived]"));
        Assert.That(a05.GetProperty("kind").GetString(), Is.EqualTo("exact-numeric"));
        Assert.That(a05.GetProperty("profile").GetString(), Is.EqualTo("quick"));
        Assert.That(a05.GetProperty("paper").GetString(), Is.EqualTo("A"));
    }

    [Test]
    public void List_Table_ShowsIdsAndProvenance()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("list");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("A-01").And.Contain("B-33").And.Contain("[derived]"));
    }
}
