namespace Curlew.Cli.Output;

/// <summary>
/// Standard output and error. On Unix they are <see cref="DescriptorStream"/>s on descriptors 1 and 2: .NET's console
/// streams set up any terminal among them on their first write (sending it the keypad-mode escape "ESC[?1h ESC="),
/// which curl never does, even when only the other stream is the terminal. A FileStream will not do either: on a
/// redirected regular file it writes at a position of its own, and the shell's next writer would overwrite the output.
/// </summary>
internal static class StandardStreams
{
    public static Stream Output() => OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new DescriptorStream(1);

    public static Stream Error() => OperatingSystem.IsWindows() ? Console.OpenStandardError() : new DescriptorStream(2);
}
