namespace Curlew;

/// <summary>
/// The producer's end of a <see cref="BodyPipe"/> as a write-only <see cref="Stream"/>: a request's content copies its
/// body into it (the response's end is a handle's <see cref="ResponseSink"/>).
/// </summary>
internal sealed class PipeWriteStream(BodyPipe pipe) : PipeWritingStream
{
    protected override BodyPipe Target() => pipe;
}
