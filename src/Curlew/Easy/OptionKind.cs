namespace Curlew;

/// <summary>What kind of value an option takes, as libcurl's CURLOPTTYPE_* groups them.</summary>
internal enum OptionKind
{
    /// <summary>A number (CURLOPTTYPE_LONG).</summary>
    Long,
    /// <summary>A number read as on (non-zero) or off (a CURLOPTTYPE_LONG option used as a switch).</summary>
    Bool,
    /// <summary>A 64-bit size or offset (CURLOPTTYPE_OFF_T).</summary>
    OffT,
    /// <summary>Text (CURLOPTTYPE_STRINGPOINT).</summary>
    String,
    /// <summary>A list of text lines (CURLOPTTYPE_SLISTPOINT).</summary>
    List,
    /// <summary>A delegate (CURLOPTTYPE_FUNCTIONPOINT).</summary>
    Callback,
    /// <summary>Any object, or a body or writer with its own conversion (CURLOPTTYPE_OBJECTPOINT / CBPOINT).</summary>
    Object,
}
