using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.ServiceDefaults.Data;

public static class SnakeCaseColumns
{
    /// <summary>
    /// snake_case column names for a service's own tables, so its hand-written SQL (conditional updates, row locks,
    /// partial index filters) reads as plain SQL. The kit's outbox and processed-event tables keep their names.
    /// </summary>
    public static void UseSnakeCaseColumns<T>(this EntityTypeBuilder<T> builder) where T : class
    {
        // The row version stays PostgreSQL's xmin system column.
        foreach (var property in builder.Metadata.GetProperties().Where(p => !p.IsConcurrencyToken))
        {
            property.SetColumnName(ToSnakeCase(property.Name));
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
