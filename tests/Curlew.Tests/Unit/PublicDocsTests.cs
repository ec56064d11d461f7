using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>Every public member of the handle and its enums is documented: what it does, its default, libcurl's name.</summary>
public class PublicDocsTests
{
    private static readonly Dictionary<string, XElement> Members = XDocument
        .Load(Path.Combine(AppContext.BaseDirectory, "Curlew.xml"))
        .Descendants("member")
        .ToDictionary(m => (string)m.Attribute("name")!);

    private static string Summary(string id) =>
        Members.TryGetValue(id, out var m) ? string.Concat(m.Element("summary")?.DescendantNodes().OfType<XText>().Select(t => t.Value) ?? []).Trim() : "";

    [Fact]
    public void Every_CurlOption_says_what_it_does_its_default_and_libcurls_name()
    {
        var weak = new List<string>();
        foreach (var name in Enum.GetNames<CurlOption>())
        {
            string text = Summary("F:Curlew.CurlOption." + name);
            if (!text.StartsWith("CURLOPT_", StringComparison.Ordinal) || !text.Contains("Default", StringComparison.Ordinal) || text.Length < 40)
                weak.Add($"{name}: \"{text}\"");
        }
        Assert.True(weak.Count == 0, "weak CurlOption docs:\n  " + string.Join("\n  ", weak));
    }

    [Fact]
    public void Every_CurlInfo_and_CurlCode_names_libcurls_counterpart_and_says_more()
    {
        var weak = new List<string>();
        foreach (var name in Enum.GetNames<CurlInfo>())
        {
            string text = Summary("F:Curlew.CurlInfo." + name);
            if (!text.StartsWith("CURLINFO_", StringComparison.Ordinal) || text.Length < 30) weak.Add($"{name}: \"{text}\"");
        }
        foreach (var name in Enum.GetNames<CurlCode>())
        {
            string text = Summary("F:Curlew.CurlCode." + name);
            if (!text.StartsWith("CURLE_", StringComparison.Ordinal) || text.Length < 20) weak.Add($"{name}: \"{text}\"");
        }
        Assert.True(weak.Count == 0, "weak docs:\n  " + string.Join("\n  ", weak));
    }

    [Fact]
    public void Every_public_CurlEasy_member_is_documented()
    {
        var undocumented = new List<string>();
        foreach (var member in typeof(CurlEasy).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (member is MethodInfo { IsSpecialName: true }) continue;   // property accessors: the property is checked
            string id = member switch
            {
                PropertyInfo p => "P:Curlew.CurlEasy." + p.Name,
                MethodInfo mi => "M:Curlew.CurlEasy." + mi.Name,
                ConstructorInfo => "M:Curlew.CurlEasy.#ctor",
                _ => "",
            };
            bool found = Members.Where(kv => kv.Key == id || kv.Key.StartsWith(id + "(", StringComparison.Ordinal))
                .Any(kv => kv.Value.Element("summary") is not null || kv.Value.Element("inheritdoc") is not null);
            if (!found) undocumented.Add(member.Name);
        }
        Assert.True(undocumented.Count == 0, "undocumented CurlEasy members: " + string.Join(", ", undocumented));
    }
}
