using System.Reflection;
using Registry.Api.Data;

namespace Registry.UnitTests.Data;

/// <summary>Every statement the API runs: each <c>static readonly Sql</c> field, found by reflection so none is forgotten.</summary>
public static class SqlStatements
{
    public static IEnumerable<(string Name, Sql Sql)> All() =>
        typeof(Database).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(Sql))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (Sql)f.GetValue(null)!));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All()) data.Add(name);
        return data;
    }

    public static Sql Named(string name) => All().Single(s => s.Name == name).Sql;
}
