using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>CURLOPT_SHARE, CURLOPT_MAXAGE_CONN and CURLOPT_MAXLIFETIME_CONN through SetOpt and the typed properties, and the share's own options.</summary>
public sealed class ShareOptionTests
{
    [Fact]
    public void A_share_of_the_wrong_type_is_a_bad_function_argument_that_names_the_option()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.Share, "not a share"));
        Assert.Equal("CURLOPT_SHARE: expects a CurlShare or null, not String", easy.ErrorMessage);
        Assert.Null(easy.Share);
    }

    [Fact]
    public void Negative_ages_are_refused_by_SetOpt_and_by_the_properties()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.MaxAgeConn, -1L));
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.MaxLifetimeConn, -1L));
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.MaxAgeConn, "ten"));
        Assert.Throws<ArgumentOutOfRangeException>(() => easy.MaxLifetimeConn = -5);
        Assert.Equal(118, easy.MaxAgeConn);      // libcurl's defaults, unchanged by the refusals
        Assert.Equal(0, easy.MaxLifetimeConn);
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.MaxAgeConn, 5));
        Assert.Equal(5, easy.MaxAgeConn);
    }

    [Fact]
    public void An_ended_share_cannot_be_attached()
    {
        var share = new CurlShare();
        share.Dispose();
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.Share, share));
        Assert.Contains("cleaned up or disposed", easy.ErrorMessage);
        Assert.Throws<ArgumentException>(() => easy.Share = share);
        Assert.Null(easy.Share);
    }

    [Fact]
    public void Attaching_and_detaching_count_handles_and_the_share_refuses_changes_while_any_is_attached()
    {
        using var share = new CurlShare();
        Assert.Equal(CurlShCode.Ok, share.Share(CurlLockData.Connect));
        var a = new CurlEasy { Share = share };
        using var b = new CurlEasy();
        Assert.Equal(CurlCode.Ok, b.SetOpt(CurlOption.Share, share));
        Assert.Equal(CurlCode.Ok, b.SetOpt(CurlOption.Share, share));   // the same share again counts once
        Assert.Equal(2, share.AttachedHandles);

        Assert.Equal(CurlShCode.InUse, share.Unshare(CurlLockData.Connect));
        Assert.Equal(CurlShCode.InUse, share.SetOpt(CurlShOption.UserData, "x"));
        b.Reset();                                   // as libcurl: reset keeps the share
        Assert.Same(share, b.Share);
        a.Dispose();
        b.Share = null;
        Assert.Equal(0, share.AttachedHandles);
        Assert.Equal(CurlShCode.Ok, share.Unshare(CurlLockData.Connect));
    }

    [Theory]
    [InlineData(CurlLockData.Cookie, CurlShCode.NotBuiltIn)]
    [InlineData(CurlLockData.Psl, CurlShCode.NotBuiltIn)]
    [InlineData(CurlLockData.Hsts, CurlShCode.NotBuiltIn)]
    [InlineData(CurlLockData.Dns, CurlShCode.Ok)]
    [InlineData(CurlLockData.SslSession, CurlShCode.Ok)]
    [InlineData(CurlLockData.Connect, CurlShCode.Ok)]
    [InlineData(CurlLockData.None, CurlShCode.BadOption)]
    [InlineData(CurlLockData.Share, CurlShCode.BadOption)]
    [InlineData((CurlLockData)42, CurlShCode.BadOption)]
    public void Share_answers_each_kind_of_data(CurlLockData data, CurlShCode expected)
    {
        using var share = new CurlShare();
        Assert.Equal(expected, share.Share(data));
        Assert.Equal(expected == CurlShCode.Ok, share.IsShared(data));
    }

    [Fact]
    public void Values_of_the_wrong_type_are_bad_options_and_the_lock_callbacks_are_kept()
    {
        using var share = new CurlShare();
        Assert.Equal(CurlShCode.BadOption, share.SetOpt(CurlShOption.Share, "CONNECT"));
        Assert.Equal(CurlShCode.BadOption, share.SetOpt(CurlShOption.LockFunc, 5));
        Assert.Equal(CurlShCode.BadOption, share.SetOpt((CurlShOption)77, null));
        CurlLockCallback lockIt = (_, _, _, _) => { };
        CurlUnlockCallback unlockIt = (_, _, _) => { };
        Assert.Equal(CurlShCode.Ok, share.SetOpt(CurlShOption.LockFunc, lockIt));
        Assert.Equal(CurlShCode.Ok, share.SetOpt(CurlShOption.UnlockFunc, unlockIt));
        Assert.Equal(CurlShCode.Ok, share.SetOpt(CurlShOption.UserData, 7));
        Assert.Same(lockIt, share.LockFunction);
        Assert.Same(unlockIt, share.UnlockFunction);
        Assert.Equal(7, share.UserData);
    }
}
