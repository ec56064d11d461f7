namespace Curlew.Cli.Tests.Differential;

/// <summary>Which part of a run a known difference is in; every other part must still be identical.</summary>
[Flags]
public enum Channel { None = 0, ExitCode = 1, Stdout = 2, Stderr = 4, Files = 8, Server = 16 }

/// <summary>
/// One command line run by curl and by curlew against the same server. Arguments may use {url} (the server's base
/// URL), {port}, {unix} (its Unix socket) and {in} (a folder of prepared input files). <see cref="Seed"/> files are
/// put into the fresh working folder first. A case with a <see cref="Differs"/> channel must differ there (so a fix
/// is noticed) and match everywhere else; <see cref="Reason"/> says why.
/// </summary>
public sealed record DifferentialCase(string Name, string[] Args, string? Stdin = null,
    IReadOnlyDictionary<string, string>? Seed = null, Channel Differs = Channel.None, string? Reason = null)
{
    public override string ToString() => Name;
}
