using Microsoft.Win32.SafeHandles;

namespace Curlew.Cli.Output;

/// <summary>
/// Standard output and error as plain unbuffered file streams on descriptors 1 and 2. .NET's console streams set the
/// terminal up on their first write (they send it the keypad-mode escape "ESC[?1h ESC="), which curl never does, so
/// on Unix curlew writes to the descriptors directly and a terminal sees exactly curl's bytes.
/// </summary>
internal static class StandardStreams
{
    public static Stream Output() => Open(1) ?? Console.OpenStandardOutput();

    public static Stream Error() => Open(2) ?? Console.OpenStandardError();

    private static FileStream? Open(int descriptor) =>
        OperatingSystem.IsWindows() ? null : new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
