using System.Buffers;
using System.Globalization;
using System.Text;
using Curlew.Connect;
using Curlew.Protocols;

namespace Curlew.Ftp;

/// <summary>
/// One file or listing moved over a data connection, in libcurl's command order: the data connection (EPSV/PASV or
/// EPRT/PORT) first, then TYPE, SIZE and REST as needed, PreQuote, the transfer command, the bytes, and the final
/// reply. Each method returns whether the control connection is still in step (fit for reuse).
/// </summary>
internal sealed class FtpTransfer(FtpSettings s, TransferContext c, FtpControl control, FtpSession session, FtpPath path)
{
    private readonly IoContext io = c.Io;

    /// <summary>RETR (with SIZE and REST) or LIST/NLST.</summary>
    public async ValueTask<bool> DownloadAsync()
    {
        if (!path.IsListing && s.Filetime) await TimeAsync().ConfigureAwait(false);   // before the data connection, as libcurl
        using var channel = await FtpDataChannel.OpenAsync(control, session, s, c.Connections, io).ConfigureAwait(false);
        bool listing = path.IsListing;
        await FtpCommands.TypeAsync(control, session, listing || path.Type == 'a' ? 'A' : 'I').ConfigureAwait(false);
        long size = -1;
        var range = new FtpRange(0, -1);
        if (!listing)
        {
            if (path.Type != 'a') size = await FtpCommands.SizeAsync(control, path.File).ConfigureAwait(false);
            range = FtpRange.For(s.Range, s.ResumeFrom, size);
            if (range.Offset > 0 && size >= 0 && range.Offset == size && s.Range is null)
            {
                io.Events.Info("File already completely downloaded");
                return true;
            }
            if (range.Offset > 0) await FtpCommands.RestAsync(control, range.Offset).ConfigureAwait(false);
        }
        await FtpCommands.QuoteAsync(control, s.PreQuote).ConfigureAwait(false);
        string command = listing ? (s.DirListOnly ? "NLST" : "LIST") + (path.File.Length > 0 && path.Type == 'd' ? " " + path.File : "")
            : "RETR " + path.File;
        if (listing && path.Directories.Count == 0 && path.File.Contains('/')) command = (s.DirListOnly ? "NLST " : "LIST ") + path.File;
        c.Info.PreTransferTimeUs = Math.Max(1, io.ElapsedMicroseconds);
        var reply = await control.CommandAsync(command).ConfigureAwait(false);
        if (!reply.IsPreliminary)
        {
            if (listing && reply.Code == 450) return true;   // no files to list: not an error
            throw new CurlException(!listing && reply.Code == 550 ? CurlCode.RemoteFileNotFound : CurlCode.FtpCouldntRetrFile,
                $"RETR response: {reply.Code:D3}");
        }
        long expected = range.Limit >= 0 ? range.Limit : size >= 0 ? size - range.Offset : SizeIn(reply.Text);
        c.Info.ContentLengthDownload = expected;
        c.Progress.DownloadTotal = Math.Max(expected, 0);
        var data = await channel.ReadyAsync(s, control.Connection, c.Connections, io).ConfigureAwait(false);
        io.Phase = TransferPhase.Transferring;
        if (c.Info.StartTransferTimeUs == 0) c.Info.StartTransferTimeUs = Math.Max(1, io.ElapsedMicroseconds);
        bool ascii = listing || path.Type == 'a';
        bool cut = await ReceiveAsync(data, range.Limit, ascii ? new AsciiLineEnds() : null).ConfigureAwait(false);
        channel.Dispose();   // the server waits for the data connection to close before its final reply
        if (cut)
        {
            await AbortAsync().ConfigureAwait(false);
            return false;
        }
        await FinalReplyAsync().ConfigureAwait(false);
        if (expected >= 0 && c.Info.SizeDownload != expected)
            throw new CurlException(CurlCode.PartialFile, $"Received only partial file: {c.Info.SizeDownload} bytes");
        return true;
    }

    /// <summary>STOR, or APPE when appending or resuming; SIZE first when resuming from the server's end (ResumeFrom -1).</summary>
    public async ValueTask<bool> UploadAsync()
    {
        if (path.IsListing) throw new CurlException(CurlCode.UrlMalformat, "Uploading to a URL without a file name is not supported!");
        var source = UploadSource.FromReader(s.ReadFunction, s.ReadData, s.InFileSize);
        using var channel = await FtpDataChannel.OpenAsync(control, session, s, c.Connections, io).ConfigureAwait(false);
        await FtpCommands.TypeAsync(control, session, path.Type == 'a' ? 'A' : 'I').ConfigureAwait(false);
        long resume = s.ResumeFrom;
        if (resume < 0) resume = Math.Max(await FtpCommands.SizeAsync(control, path.File).ConfigureAwait(false), 0);
        if (resume > 0 && source.Size >= 0 && source.Size <= resume)
        {
            // As libcurl: nothing of a known-size upload is left past the resume point, so nothing is sent and the
            // transfer succeeds (curl -C - on a file the server already has in full exits 0).
            io.Events.Info("File already completely uploaded");
            return true;
        }
        if (resume > 0) source.SkipPrefix(resume);
        await FtpCommands.QuoteAsync(control, s.PreQuote).ConfigureAwait(false);
        c.Info.PreTransferTimeUs = Math.Max(1, io.ElapsedMicroseconds);
        var reply = await control.CommandAsync((s.Append || resume > 0 ? "APPE " : "STOR ") + path.File).ConfigureAwait(false);
        if (!reply.IsPreliminary) throw new CurlException(CurlCode.UploadFailed, $"Failed FTP upload: {reply.Code:D3}");
        var data = await channel.ReadyAsync(s, control.Connection, c.Connections, io).ConfigureAwait(false);
        io.Phase = TransferPhase.Transferring;
        c.Progress.UploadTotal = Math.Max(source.Size, 0);
        await SendAsync(data, source).ConfigureAwait(false);
        await data.EndUploadAsync(io).ConfigureAwait(false);
        channel.Dispose();   // the close is the end of the file for the server
        await FinalReplyAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// NoBody: size and time as libcurl shows them, each line right after the reply it comes from ("Last-Modified"
    /// after MDTM, "Content-Length" after SIZE, "Accept-ranges" after REST), to the header and the body writer alike.
    /// </summary>
    public async ValueTask<bool> DescribeAsync()
    {
        if (path.IsListing) return true;
        if (s.Filetime && await TimeAsync().ConfigureAwait(false) is { } t)
            await WriteHeaderAsync($"Last-Modified: {t.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} GMT\r\n").ConfigureAwait(false);
        await FtpCommands.TypeAsync(control, session, path.Type == 'a' ? 'A' : 'I').ConfigureAwait(false);
        long size = await FtpCommands.SizeAsync(control, path.File).ConfigureAwait(false);
        if (size >= 0)
        {
            c.Info.ContentLengthDownload = size;
            await WriteHeaderAsync($"Content-Length: {size}\r\n").ConfigureAwait(false);
        }
        await FtpCommands.RestAsync(control, 0).ConfigureAwait(false);
        await WriteHeaderAsync("Accept-ranges: bytes\r\n").ConfigureAwait(false);
        c.Info.PreTransferTimeUs = Math.Max(1, io.ElapsedMicroseconds);   // libcurl's "transfer" (of nothing) is ready only now
        return true;
    }

    // MDTM, recorded for CURLINFO_FILETIME.
    private async ValueTask<DateTimeOffset?> TimeAsync()
    {
        var time = await FtpCommands.MdtmAsync(control, path.File).ConfigureAwait(false);
        if (time is { } t) c.Info.Filetime = t.ToUnixTimeSeconds();
        return time;
    }

    // libcurl hands these lines to both the header and the body writer.
    private async ValueTask WriteHeaderAsync(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        if (c.Headers is not null) await c.Headers.WriteAsync(bytes, io).ConfigureAwait(false);
        await c.Body.WriteAsync(bytes, io).ConfigureAwait(false);
    }

    // The range is complete before the file: as libcurl, ABOR the rest and read both answers (the transfer's own end,
    // 226 or 426, then ABOR's), so headers and ResponseCode end as libcurl's do; then give the connection up with a
    // QUIT nobody hears, as libcurl's (waiting for its 221 means the close never resets a QUIT still unread).
    private async ValueTask AbortAsync()
    {
        io.Events.Info("Range satisfied: the rest of the file is aborted and the control connection closed");
        try
        {
            var first = await control.CommandAsync("ABOR").ConfigureAwait(false);
            if (first.Code is 226 or 250 or 426) await control.ReadAsync(Connection.GoodbyeTimeoutMs).ConfigureAwait(false);
        }
        catch (CurlException) { return; }   // out of step: closed with no goodbye; the transfer already has what it asked for
        await FtpGoodbye.QuietAsync(control).ConfigureAwait(false);
    }

    private async ValueTask FinalReplyAsync()
    {
        var done = await control.ReadAsync().ConfigureAwait(false);
        if (done.Code is not (226 or 250))
            throw new CurlException(s.Upload ? CurlCode.UploadFailed : CurlCode.PartialFile, $"server did not report OK, got {done.Code:D3}");
    }

    // Reads the data connection to its end, or until the range's limit: true when it stopped at the limit early.
    private async ValueTask<bool> ReceiveAsync(Connection data, long limit, AsciiLineEnds? ascii)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var converted = ascii is null ? null : ArrayPool<byte>.Shared.Rent(buffer.Length + 1);
        try
        {
            long left = limit;
            while (left != 0)
            {
                int n = await data.Top.ReceiveAsync(buffer, io).ConfigureAwait(false);
                if (n == 0)
                {
                    if (ascii?.Finish() == true) await c.Body.WriteAsync("\r"u8.ToArray(), io).ConfigureAwait(false);
                    return false;
                }
                if (left > 0 && n > left) n = (int)left;
                if (s.MaxFileSize > 0 && c.Info.SizeDownload + n > s.MaxFileSize)
                    throw new CurlException(CurlCode.FilesizeExceeded, $"Exceeded the maximum allowed file size ({s.MaxFileSize})");
                io.Events.DataIn(buffer.AsSpan(0, n));
                if (ascii is null) await c.Body.WriteAsync(buffer.AsMemory(0, n), io).ConfigureAwait(false);
                else await c.Body.WriteAsync(converted.AsMemory(0, ascii.Convert(buffer.AsSpan(0, n), converted)), io).ConfigureAwait(false);
                c.Info.SizeDownload += n;
                io.BytesReceived += n;
                io.ResponseBytesReceived += n;
                c.Progress.DownloadNow = c.Info.SizeDownload;
                c.Progress.Report();
                c.LowSpeed.Check(io.BytesReceived + io.BytesSent);
                if (left > 0) left -= n;
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (converted is not null) ArrayPool<byte>.Shared.Return(converted);
        }
    }

    private async ValueTask SendAsync(Connection data, UploadSource source)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                int n = await source.ReadAsync(buffer, io).ConfigureAwait(false);
                if (n == 0) return;
                io.Events.DataOut(buffer.AsSpan(0, n));
                await data.Top.SendAsync(buffer.AsMemory(0, n), io).ConfigureAwait(false);
                c.Info.SizeUpload += n;
                io.BytesSent += n;
                c.Progress.UploadNow = c.Info.SizeUpload;
                c.Progress.Report();
                c.LowSpeed.Check(io.BytesReceived + io.BytesSent);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    // "150 Opening BINARY mode data connection for f (123 bytes)": the size when SIZE was not asked.
    private static long SizeIn(string text)
    {
        int end = text.LastIndexOf(" bytes)", StringComparison.Ordinal);
        if (end < 0) return -1;
        int start = text.LastIndexOf('(', end);
        return start >= 0 && long.TryParse(text.AsSpan(start + 1, end - start - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : -1;
    }
}
