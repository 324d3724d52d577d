using Npgsql;

namespace ChildProtection.Core.Tests.Infrastructure;

/// <summary>The throwaway database helper every PostgreSQL test relies on: created fresh, gone afterwards.</summary>
public sealed class PostgresDatabaseTests
{
    [PostgresFact]
    public async Task A_test_database_exists_while_used_and_is_dropped_on_dispose()
    {
        var server = TestServices.Require(TestServices.PostgresVariable, "PostgreSQL");
        string name;
        await using (var database = await PostgresDatabase.CreateAsync("cp_helper"))
        {
            name = database.Name;
            Assert.StartsWith("cp_helper_", name);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database(), pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((name, "UTF8"), (reader.GetString(0), reader.GetString(1)));
        }

        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }
}
