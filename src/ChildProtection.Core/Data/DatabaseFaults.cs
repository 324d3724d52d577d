using System.Net.Sockets;
using Npgsql;

namespace ChildProtection.Core.Data;

/// <summary>Tells a database that cannot be reached (worth waiting for) from a real fault (worth stopping for).</summary>
public static class DatabaseFaults
{
    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the PostgreSQL server could not be reached
    /// or is not accepting work yet: refused or dropped connection, timeout, "the database system is starting
    /// up", too many connections. A failed migration, a missing database or a wrong password is not: waiting
    /// would not mend it, so those still stop the start.
    /// </summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.IsTransient;
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
