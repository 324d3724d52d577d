using Npgsql;

namespace ChildProtection.Testing;

/// <summary>
/// A uniquely named database on the test server named by <c>CP_TEST_POSTGRES</c>, created on
/// <see cref="CreateAsync"/> and dropped on dispose, so tests never see each other's rows.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;

    private PostgresDatabase(string serverConnectionString, string name, string connectionString)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string prefix = "cp_test")
    {
        var server = TestServices.Require(TestServices.PostgresVariable, "PostgreSQL");
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        await using (var connection = new NpgsqlConnection(AdminConnectionString(server)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new PostgresDatabase(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections to the dropped database would fail when reused; nobody reuses them, but
        // clearing keeps the pool from holding dead sockets for the rest of the run.
        using (var own = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(own);
        // Cleanup of a throwaway database must not fail a test that passed: retry briefly (a backend the
        // test role may not terminate can linger for a moment), then leave it to the cluster's removal.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString(serverConnectionString));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
            catch (PostgresException ex)
            {
                Console.Error.WriteLine($"Could not drop test database {Name}: {ex.MessageText}");
                return;
            }
        }
    }

    // CREATE/DROP DATABASE must run outside the database in question: use the maintenance database.
    private static string AdminConnectionString(string server) =>
        new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
}
