namespace Curlew.TestSupport;

/// <summary>The bytes every generated test body is made of, so any slice of it can be checked: byte i is i % 251.</summary>
public static class BodyPattern
{
    /// <summary>The byte at <paramref name="index"/>.</summary>
    public static byte At(long index) => (byte)(index % 251);

    /// <summary><paramref name="length"/> bytes of the pattern, starting at <paramref name="offset"/>.</summary>
    public static byte[] Bytes(int length, long offset = 0)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = At(offset + i);
        return bytes;
    }
}
