using System.Text;

namespace Curlew.Cli.Tests.Differential;

/// <summary>The normaliser removes the progress meter's timing-dependent lines however long a transfer took.</summary>
public sealed class OutputNormaliserTests
{
    private const string Header =
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n";

    [Theory]
    [InlineData("\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100    13  100    13    0     0   1300      0 --:--:-- --:--:-- --:--:--  1300\n")]
    // A loaded machine: the transfer passed one second, so the time columns read " 0:00:01".
    [InlineData("\r100    13  100    13    0     0     11      0  0:00:01  0:00:01 --:--:--    19\r100    13  100    13    0     0     11      0  0:00:01  0:00:01 --:--:--    17\n")]
    public void Meter_lines_are_removed_and_the_meter_kept_as_a_marker(string lines)
    {
        Assert.Equal("[meter]\nafter\n", OutputNormaliser.Stderr(Encoding.UTF8.GetBytes(Header + lines + "after\n")));
    }
}
