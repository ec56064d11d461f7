using System.Text;

namespace Curlew.Cli.Tests.Differential;

/// <summary>The {in} folder: files the cases read with @file forms, created once and deleted at the end.</summary>
public sealed class InputFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("curlew-cli-in-").FullName;

    public InputFiles()
    {
        File.WriteAllText(Path.Combine(Folder, "form.txt"), "a=1\r\nb=2\n");
        File.WriteAllBytes(Path.Combine(Folder, "raw.bin"), [1, 2, 13, 10, 0, 255]);
        File.WriteAllText(Path.Combine(Folder, "headers.txt"), "X-From-File: yes\nX-Second: 2\n");
        File.WriteAllText(Path.Combine(Folder, "upload.txt"), "uploaded content\n");
        File.WriteAllText(Path.Combine(Folder, "format.txt"), "code=%{http_code} type=%{content_type}\\n");
        File.WriteAllText(Path.Combine(Folder, "text.txt"), "hello & bye", Encoding.UTF8);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
