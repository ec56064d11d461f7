using Curlew.Tests.Support;

namespace Curlew.Tests.Handler;

/// <summary>Puts a <see cref="CallbackLedger"/>'s three socket callbacks (and itself as their data) on a <see cref="CurlHttpHandler"/>.</summary>
public static class HandlerLedger
{
    public static CurlHttpHandler WithLedger(this CurlHttpHandler handler, CallbackLedger ledger)
    {
        // The ledger's callbacks are private: a scratch handle hands them over.
        using var scratch = new CurlEasy();
        ledger.Install(scratch);
        handler.OpenSocketFunction = scratch.OpenSocketFunction;
        handler.OpenSocketData = scratch.OpenSocketData;
        handler.SockOptFunction = scratch.SockOptFunction;
        handler.SockOptData = scratch.SockOptData;
        handler.CloseSocketFunction = scratch.CloseSocketFunction;
        handler.CloseSocketData = scratch.CloseSocketData;
        return handler;
    }

    /// <summary>The <see cref="CurlCode"/> a handler failure carries, from the exception or anything in its inner chain.</summary>
    public static CurlCode? CurlCodeOf(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex.Data["CurlCode"] is CurlCode code) return code;
        return null;
    }

    /// <summary>Whether <paramref name="target"/> is <paramref name="ex"/> or in its inner chain.</summary>
    public static bool ChainContains(Exception? ex, Exception target)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ReferenceEquals(ex, target)) return true;
        return false;
    }
}
