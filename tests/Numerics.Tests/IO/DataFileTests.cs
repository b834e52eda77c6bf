using Flatness.Numerics.IO;

namespace Flatness.Numerics.Tests.IO;

public class DataFileTests
{
    [Test]
    public void Parse_ReadsHeaderInputsAndTarget()
    {
        var data = DataFile.Parse("x1,x2,y\r\n1,2,3\n-1.5,2e-3,0\n\n");
        Assert.Multiple(() =>
        {
            Assert.That(data.Count, Is.EqualTo(2));
            Assert.That(data.InputDimension, Is.EqualTo(2));
            Assert.That(data.Input(1).ToArray(), Is.EqualTo(new[] { -1.5, 2e-3 }));
            Assert.That(data.Target(0), Is.EqualTo(3.0));
        });
    }

    [Test]
    public void FormatThenParse_RoundTrips()
    {
        var data = DataFile.Parse("a,b\n0.1,0.2\n1e-300,-7\n");
        var back = DataFile.Parse(DataFile.Format(data));
        Assert.That(back.Inputs.ToArray(), Is.EqualTo(data.Inputs.ToArray()));
        Assert.That(back.Targets.ToArray(), Is.EqualTo(data.Targets.ToArray()));
    }

    [TestCase("", "empty")]
    [TestCase("x,y\n", "no data rows")]
    [TestCase("y\n1\n", "need at least one input column")]
    [TestCase("x,y\n1,2,3\n", "line 2 has 3 columns, the header has 2")]
    [TestCase("x,y\n1,abc\n", "line 2, column 2: \"abc\" is not a number")]
    [TestCase("x,y\n1,NaN\n", "not a finite number")]
    [TestCase("x,y\nInfinity,1\n", "not a finite number")]
    [TestCase("x,y\n1e999,1\n", "not a finite number")]
    [TestCase("x,y\n1,\n", "is not a number")]
    public void Parse_RejectsBadData_WithAMessageNamingTheSourceAndProblem(string csv, string expected)
    {
        var ex = Assert.Throws<InputException>(() => DataFile.Parse(csv, "data.csv"))!;
        Assert.That(ex.Message, Does.StartWith("data.csv: "));
        Assert.That(ex.Message, Does.Contain(expected));
    }
}
