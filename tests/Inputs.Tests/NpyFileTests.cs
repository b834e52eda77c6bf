using System.Text;
using Flatness.Inputs;

namespace Flatness.Inputs.Tests;

/// <summary>Fixtures built byte by byte from NumPy's format description: "\x93NUMPY", version, header length, a
/// space-padded dict literal ending in '\n' (total a multiple of 64), raw data.</summary>
public class NpyFileTests
{
    internal static byte[] Build(string dict, byte[] data, int major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        string header = dict;
        while ((prefix + header.Length + 1) % 64 != 0) header += " ";
        header += "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        if (major == 1) bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] F8(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] F4(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private static NpyArray Parse(byte[] bytes) => NpyFile.Read(new MemoryStream(bytes), "a.npy");

    [Test]
    public void Read_COrderF8_AndVersion2F4()
    {
        var a = Parse(Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", F8(1, 2, 3, 4, 5, 6)));
        Assert.That(a.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(a.Values, Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
        var b = Parse(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", F4(0.5f, -1f, 0.1f), major: 2));
        Assert.That(b.Values, Is.EqualTo(new[] { 0.5, -1.0, (double)0.1f }));
        Assert.That(b.DType, Is.EqualTo("<f4"));
    }

    [Test]
    public void Read_FortranOrder_IsTransposedIntoCOrder()
    {
        // The 2×3 array [[1,2,3],[4,5,6]] in Fortran order stores its columns: 1,4,2,5,3,6.
        var a = Parse(Build("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", F8(1, 4, 2, 5, 3, 6)));
        Assert.That(a.Values, Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
    }

    public static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData("not numpy"u8.ToArray(), "not a .npy file").SetName("no magic");
        yield return new TestCaseData(Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", F8(1, 2, 3)), "truncated").SetName("truncated data");
        yield return new TestCaseData(Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", F8(1, 2, 3)), "8 bytes after").SetName("trailing data");
        yield return new TestCaseData(Build("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", F8(1, 2)), "'<i8' is not supported").SetName("integer dtype");
        yield return new TestCaseData(Build("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }", F8(1, 2)), "big-endian").SetName("big-endian");
        yield return new TestCaseData(Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", F8(1, double.PositiveInfinity)), "element [0, 1] is not a finite number").SetName("infinite value");
        yield return new TestCaseData(Build("{'descr': '<f8', 'shape': (1, 2), }", F8(1, 2)), "exactly the keys").SetName("missing key");
        yield return new TestCaseData(Build("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1, 2), }", F8(1, 2)), "malformed header").SetName("bad boolean");
        yield return new TestCaseData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 0xFF, 0x7F, (byte)'{' }, "goes beyond the end").SetName("header length beyond the file");
        yield return new TestCaseData(Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", F8(1, 2), major: 9), "unsupported .npy format version").SetName("unknown version");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Read_RejectsMalformedFiles_NamingTheFile(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<InputException>(() => Parse(bytes))!;
        Assert.That(ex.Message, Does.StartWith("a.npy: ").And.Contain(expected));
    }

    [Test]
    public void ReadDataset_SplitsTargetsFromTheLastColumn_OrFromASecondFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"flatness-npy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string xy = Path.Combine(dir, "xy.npy"), x = Path.Combine(dir, "x.npy"), y = Path.Combine(dir, "y.npy"), y3 = Path.Combine(dir, "y3.npy");
            File.WriteAllBytes(xy, Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", F8(1, 2, 3, 4, 5, 6)));
            File.WriteAllBytes(x, Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", F4(1, 2, 4, 5)));
            File.WriteAllBytes(y, Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", F8(3, 6)));
            File.WriteAllBytes(y3, Build("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", F8(3, 6, 9)));
            var one = DataInput.Read(xy);
            var two = DataInput.Read(x, y);
            Assert.That(one.Inputs.ToArray(), Is.EqualTo(new double[] { 1, 2, 4, 5 }));
            Assert.That(one.Targets.ToArray(), Is.EqualTo(new double[] { 3, 6 }));
            Assert.That(two.Inputs.ToArray(), Is.EqualTo(one.Inputs.ToArray()));
            Assert.That(two.Targets.ToArray(), Is.EqualTo(one.Targets.ToArray()));
            var ex = Assert.Throws<InputException>(() => DataInput.Read(x, y3))!;
            Assert.That(ex.Message, Is.EqualTo($"{y3}: 3 targets, but {x} has 2 samples"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
