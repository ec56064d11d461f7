namespace Curlew.Cli.Text;

/// <summary>-h: curl's short usage page, with curlew's name.</summary>
internal static class HelpText
{
    public const string Short =
        "Usage: curlew [options...] <url>\n" +
        " -d, --data <data>          HTTP POST data\n" +
        " -f, --fail                 Fail fast with no output on HTTP errors\n" +
        " -h, --help <category>      Get help for commands\n" +
        " -i, --include              Include protocol response headers in the output\n" +
        " -o, --output <file>        Write to file instead of stdout\n" +
        " -O, --remote-name          Write output to a file named as the remote file\n" +
        " -s, --silent               Silent mode\n" +
        " -T, --upload-file <file>   Transfer local FILE to destination\n" +
        " -u, --user <user:password> Server user and password\n" +
        " -A, --user-agent <name>    Send User-Agent <name> to server\n" +
        " -v, --verbose              Make the operation more talkative\n" +
        " -V, --version              Show version number and quit\n" +
        "\n" +
        "This is not the full help, this menu is stripped into categories.\n" +
        "Use \"--help category\" to get an overview of all categories.\n" +
        "For all options use the manual or \"--help all\".\n";
}
