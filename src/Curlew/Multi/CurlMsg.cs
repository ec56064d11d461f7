namespace Curlew;

/// <summary>
/// A message from <see cref="CurlMulti.InfoRead"/> (libcurl's <c>CURLMsg</c>): a transfer finished. Each finished
/// transfer gives one message, read once.
/// </summary>
public sealed class CurlMsg
{
    internal CurlMsg(CurlEasy easy, CurlCode result)
    {
        Easy = easy;
        Result = result;
    }

    /// <summary>What happened: always <see cref="CurlMsgType.Done"/> (<c>msg</c>).</summary>
    public CurlMsgType Msg => CurlMsgType.Done;

    /// <summary>The handle whose transfer finished (<c>easy_handle</c>); it stays in the multi until removed.</summary>
    public CurlEasy Easy { get; }

    /// <summary>The transfer's result, as <see cref="CurlEasy.Perform"/> would have returned it (<c>data.result</c>).</summary>
    public CurlCode Result { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Msg}: {Result}";
}
