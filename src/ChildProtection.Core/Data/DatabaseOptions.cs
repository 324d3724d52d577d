using Microsoft.Extensions.Configuration;

namespace ChildProtection.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary><c>Database:Provider</c> (Sqlite by default) and <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; init; }
    public required string ConnectionString { get; init; }

    public static DatabaseOptions From(IConfiguration configuration, string dataPath)
    {
        var providerName = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerName) || providerName.Equals("sqlite", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Sqlite
            : providerName.Equals("postgres", StringComparison.OrdinalIgnoreCase) || providerName.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
                ? DatabaseProvider.Postgres
                : throw new InvalidOperationException($"Database:Provider '{providerName}' is not supported; use Sqlite or Postgres.");
        var cs = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
            cs = $"Data Source={Path.Combine(dataPath, "childprotection.db")}";
        }
        return new DatabaseOptions { Provider = provider, ConnectionString = cs };
    }
}
