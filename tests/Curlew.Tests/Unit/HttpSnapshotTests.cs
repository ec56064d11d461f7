using System.Reflection;
using Curlew.Http;
using Curlew.Transfer;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>The HTTP snapshot is reused across performs only while every option it is made from is unchanged.</summary>
public class HttpSnapshotTests
{
    [Fact]
    public void Unchanged_options_reuse_the_last_snapshot()
    {
        var store = new EasyOptions { Url = "http://h.example/", HttpHeader = ["X-A: 1"], UserAgent = "ua" };
        var first = HttpSnapshot.For(store.Clone());
        Assert.Same(first, HttpSnapshot.For(store.Clone()));
    }

    [Fact]
    public void Changing_any_option_HTTP_reads_makes_a_new_snapshot()
    {
        var fields = typeof(EasyOptions).GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly).ToList();
        Assert.True(fields.Count > 40, "the option store's fields were not found");
        var missed = new List<string>();
        foreach (var field in fields)
        {
            var store = new EasyOptions { Url = "http://h.example/" };
            var remembered = HttpSnapshot.For(store.Clone());
            var changed = store.Clone();
            if (!TryChange(field, changed)) continue;
            var fresh = HttpSnapshot.From(changed);
            if (SameSettings(remembered, fresh)) continue;   // an option HTTP does not read
            if (ReferenceEquals(HttpSnapshot.For(changed), remembered)) missed.Add(field.Name);
        }
        Assert.True(missed.Count == 0, $"the snapshot was reused after these options changed: {string.Join(", ", missed)}");
    }

    private static bool SameSettings(HttpSettings a, HttpSettings b)
    {
        foreach (var p in typeof(HttpSettings).GetProperties())
            if (!Equals(p.GetValue(a), p.GetValue(b))) return false;
        return true;
    }

    private static bool TryChange(FieldInfo field, EasyOptions o)
    {
        object? now = field.GetValue(o);
        object? next = field.FieldType switch
        {
            var t when t == typeof(bool) => !(bool)now!,
            var t when t == typeof(long) => (long)now! + 7,
            var t when t == typeof(int) => (int)now! + 7,
            var t when t == typeof(string) => "x" + now,
            var t when t == typeof(RequestKind) => (RequestKind)now! == RequestKind.Post ? RequestKind.Put : RequestKind.Post,
            var t when t == typeof(IReadOnlyList<string>) => new[] { "X-Changed: 1" },
            var t when t == typeof(byte[]) => new byte[] { 1 },
            var t when t == typeof(object) => new object(),
            var t when t == typeof(ReadCallback) => new ReadCallback((_, _) => 0),
            _ => null,
        };
        if (next is null) return false;
        field.SetValue(o, next);
        return true;
    }
}
