namespace Curlew;

/// <summary>
/// One request through a <see cref="CurlHttpHandler"/>: borrows a handle, sets it up, runs its transfer in the
/// background, and completes the caller's task with the response when the engine says the final head is in (or with
/// the failure, when the transfer ended before that). The body then flows through a <see cref="BodyPipe"/> to the
/// response's stream; when the transfer ends the pipe is completed (or failed) and the handle goes back to the pool.
/// The caller's token cancels the transfer until the response is returned; after that, disposing the response (or
/// cancelling a read of its stream) does.
/// </summary>
internal sealed class CurlExchange : IThreadPoolWorkItem, PipeReadStream.IOwner
{
    private readonly CurlHttpHandler _handler;
    private readonly EasyPool.Lease _lease;
    private readonly HttpRequestMessage _request;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _transfer = new();
    private readonly BodyPipe _responseBody = new(copyAhead: true);
    // Completed on a pool thread of its own while the transfer still runs (the caller's code never runs inside the
    // engine), or inline once the transfer has ended and the handle is back in the pool.
    private readonly TaskCompletionSource<HttpResponseMessage> _response = new();
    private HttpResponseMessage? _built;   // the response, once its final head is in
    private bool _deferred;                // _built goes to the caller when the transfer has ended
    private Exception? _failure;           // the request's failure, for the caller when the transfer has ended
    private ContentUpload? _requestBody;
    private CancellationTokenRegistration _callerRegistration;
    private int _finalStatus;   // of the response returned; 0 while none

    /// <summary>Completes (never faults) when the transfer has ended and the handle went back to the pool.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    private CurlExchange(CurlHttpHandler handler, EasyPool.Lease lease, HttpRequestMessage request, CancellationToken callerToken)
    {
        _handler = handler;
        _lease = lease;
        _request = request;
        _callerToken = callerToken;
    }

    public static async Task<HttpResponseMessage> RunAsync(CurlHttpHandler handler, EasyPool pool, HttpRequestMessage request, Version version, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        EasyPool.Lease lease;
        try
        {
            lease = await pool.RentAsync(ServerKey.Of(uri), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException("The request was canceled while it waited for a free connection", ex, cancellationToken);
        }
        var exchange = new CurlExchange(handler, lease, request, cancellationToken);
        try
        {
            exchange.Prepare(version);
        }
        catch
        {
            lease.Handle.Sink.Detach();
            lease.Handle.ReadyForPlain = false;
            lease.Easy.Reset();
            lease.Return(keep: true);
            throw;
        }
        exchange.Start();
        return await exchange._response.Task.ConfigureAwait(false);
    }

    private void Prepare(Version version)
    {
        var handle = _lease.Handle;
        var easy = handle.Easy;
        var uri = _request.RequestUri!;
        bool plain = RequestTranslator.IsPlain(_request, version) && !_handler.ConfiguresEasy;
        string? credential = _handler.BasicCredential(uri);
        handle.Head.Begin();
        handle.Sink.Attach(_responseBody, handle.Head, this);
        if (plain && handle.ReadyForPlain && handle.Credential == credential)
        {
            // The handle's options are the handler's and a plain GET's for the same credentials: only URL and header
            // lines can differ. Until they are set the handle counts as not ready (a bad header throws half-way).
            handle.ReadyForPlain = false;
            RequestTranslator.ApplyPlain(easy, _request, handle.Lines);
            handle.ReadyForPlain = true;
            return;
        }
        handle.ReadyForPlain = false;
        easy.Reset();
        try
        {
            _handler.Configure(easy, uri);
        }
        catch (Exception ex)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, $"CurlHttpHandler could not set up the request's handle: {ex.Message}", ex);
        }
        long? length = null;
        if (_request.Content is { } content && _request.Method != HttpMethod.Head)
        {
            length = content.Headers.ContentLength;
            _requestBody = new ContentUpload(content, _transfer.Token);
        }
        RequestTranslator.Apply(easy, _request, version, _requestBody, length);
        // The same sink objects on every request of this handle: the engine then keeps its output sinks.
        easy.HeaderFunction = handle.Sink.HeaderFunction;
        easy.WriteData = handle.Sink;
        handle.Credential = credential;
        handle.ReadyForPlain = plain;
    }

    private void Start()
    {
        _callerRegistration = _callerToken.Register(static state => ((CurlExchange)state!).Cancel(), this);
        _handler.Started(this);
        Completion = RunTransferAsync();
    }

    // Called by the engine, on its thread, when the head of the response the caller gets is in. When the whole body is
    // in hand already and small enough for the pipe to take without a reader (or there is none), the transfer ends
    // without waiting for anything: the response then goes to the caller at its end, on the same thread, saving a
    // thread hop. Otherwise it goes now, through the thread pool.
    internal void OnFinalHead(bool bodyInHand)
    {
        // After followed redirects the request says where and how it ended, as HttpClient's redirect handling leaves it.
        var easy = _lease.Easy;
        if (easy.GetInfo(CurlInfo.EffectiveUrl) is string effective && effective != _request.RequestUri!.AbsoluteUri
            && Uri.TryCreate(effective, UriKind.Absolute, out var followed))
            _request.RequestUri = followed;
        if (easy.GetInfo(CurlInfo.EffectiveMethod) is string method && method != _request.Method.Method)
            _request.Method = new HttpMethod(method);
        var head = _lease.Handle.Head;
        var response = head.Build(_request, new PipeReadStream(_responseBody, this));
        _finalStatus = Math.Max(1, head.LastStatus);   // only once built: a head that fails to build ends the transfer instead
        _callerRegistration.Unregister();   // from now on the response's owner decides
        _built = response;
        if (bodyInHand && (response.Content.Headers.ContentLength ?? 0) <= BodyPipe.EarlyLimit) _deferred = true;
        else ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);   // as a continuation would: this thread's queue
    }

    void IThreadPoolWorkItem.Execute() => _response.TrySetResult(_built!);

    /// <summary>The handler is being disposed: the transfer stops, and a body still being read fails.</summary>
    public void Stop()
    {
        _responseBody.Complete(new IOException("The CurlHttpHandler was disposed while this response body was being read"));
        Cancel();
    }

    void PipeReadStream.IOwner.ReaderAbandoned() => Cancel();

    private void Cancel()
    {
        try { _transfer.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    private Exception? _bodyEnd;   // how the body ends (null = complete), applied once the handle is back in the pool
    private bool _bodyEnded;

    private async Task RunTransferAsync()
    {
        var easy = _lease.Easy;
        CurlCode code;
        OperationCanceledException? cancelled = null;
        Exception? unexpected = null;
        try
        {
            code = await easy.PerformOnceAsync(_transfer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            cancelled = ex;
            code = CurlCode.AbortedByCallback;
        }
        catch (Exception ex)
        {
            // PerformAsync reports failures as codes; anything else is a bug, still reported to the caller, never lost.
            unexpected = ex;
            code = CurlCode.FailedInit;
        }
        try
        {
            _callerRegistration.Unregister();
            if (_requestBody is not null) await _requestBody.StopAsync().ConfigureAwait(false);   // a copy still writing is let go
            Finish(code, unexpected?.Message ?? easy.ErrorMessage, unexpected ?? easy.CallbackException, cancelled);
        }
        finally
        {
            var handle = _lease.Handle;
            handle.Sink.Detach();   // nothing more of the transfer reaches this request
            // A plain GET that went well leaves the handle's options as the next plain request wants them (its body
            // pipe and head collector were detached above). Anything else drops this request's options: upload,
            // method, headers and callbacks; the cached connection stays.
            if (code != CurlCode.Ok || !handle.ReadyForPlain)
            {
                handle.ReadyForPlain = false;
                easy.Reset();
            }
            _handler.Ended(this);
            _lease.Return(keep: true);
        }
        // Only now, with the handle back: the caller's code may run right here and send its next request, and a
        // reader that sees the body's end and sends the next request at once finds the connection idle in the pool
        // (as SocketsHttpHandler returns its connection before the content stream reports its end).
        // The body ends first: a deferred response's reader may run inline below and read it synchronously.
        if (_bodyEnded) _responseBody.Complete(_bodyEnd);
        if (_failure is not null) _response.TrySetException(_failure);
        else if (_deferred) _response.TrySetResult(_built!);
    }

    private void Finish(CurlCode code, string? message, Exception? callbackException, OperationCanceledException? cancelled)
    {
        if (_finalStatus == 0)
        {
            Exception failure = cancelled is not null
                ? new TaskCanceledException("The request was canceled", cancelled, _callerToken.IsCancellationRequested ? _callerToken : _transfer.Token)
                : code == CurlCode.Ok
                    ? new HttpRequestException(HttpRequestError.InvalidResponse, "The transfer ended without a response")
                    : CurlErrorMapping.BeforeResponse(code, message, callbackException);
            _failure = failure;
            return;
        }
        // At the redirect limit the last 3xx was returned as the response (as HttpClientHandler does); curl then
        // reports TooManyRedirects, which for this caller is the normal end of that response.
        bool limitRedirect = code == CurlCode.TooManyRedirects && _finalStatus is >= 300 and < 400;
        _bodyEnd = code == CurlCode.Ok || limitRedirect ? null
            : cancelled is not null ? new IOException("The response body was aborted", cancelled)
            : CurlErrorMapping.DuringBody(code, message, callbackException);
        _bodyEnded = true;
    }
}
