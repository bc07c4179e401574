using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Payment.Processing;

internal static class UniqueViolation
{
    /// <summary>The insert lost a race on a unique index (the other request's row is there now).</summary>
    public static bool Is(DbUpdateException e) => e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
