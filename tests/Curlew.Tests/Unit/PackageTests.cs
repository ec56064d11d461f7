using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>`dotnet pack` gives a package someone can publish: described, licensed, with the README, the contract and symbols.</summary>
public class PackageTests
{
    [Fact]
    public void The_package_carries_a_description_a_license_the_readme_the_contract_and_a_symbol_package()
    {
        string root = RepositoryRoot();
        string output = Directory.CreateTempSubdirectory("curlew-pack-").FullName;
        try
        {
            var pack = Process.Start(new ProcessStartInfo("dotnet",
                ["pack", Path.Combine(root, "src", "Curlew", "Curlew.csproj"), "-c", "Release", "--no-build", "-o", output, "-nologo"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string log = pack.StandardOutput.ReadToEnd() + pack.StandardError.ReadToEnd();
            Assert.True(pack.WaitForExit(120_000), "dotnet pack did not finish in 2 minutes");
            Assert.True(pack.ExitCode == 0, $"dotnet pack failed ({pack.ExitCode}):\n{log}");

            string package = Assert.Single(Directory.GetFiles(output, "Curlew.*.nupkg"));
            Assert.Single(Directory.GetFiles(output, "Curlew.*.snupkg"));
            using var zip = ZipFile.OpenRead(package);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("README.md", names);
            Assert.Contains("LICENSE", names);
            Assert.Contains("docs/API.md", names);
            Assert.Contains("lib/net10.0/Curlew.dll", names);
            Assert.Contains("lib/net10.0/Curlew.xml", names);

            using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Contains("libcurl", Field("description"));
            Assert.NotEqual("Package Description", Field("description"));
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.Contains("http", Field("tags"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void The_readme_links_only_to_files_inside_the_repository()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.DoesNotContain("](../shared", readme);
        foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(readme, @"\]\((?!https?:|#)([^)#]+)"))
            Assert.True(File.Exists(Path.Combine(root, link.Groups[1].Value)) || Directory.Exists(Path.Combine(root, link.Groups[1].Value)),
                $"README links to {link.Groups[1].Value}, which is not in the repository");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Curlew.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Curlew.slnx above {AppContext.BaseDirectory}");
    }
}
