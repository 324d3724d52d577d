using System.Text.Json;
using ChildProtection.Core.Settings;

namespace ChildProtection.Mail.Tests;

/// <summary>Keeps documents as JSON text, like the database does, so a test can read what was stored.</summary>
internal sealed class MemoryDocumentStore : IDocumentStore
{
    private readonly Dictionary<string, string> documents = [];

    public string? Raw(string name) => documents.GetValueOrDefault(name);

    public Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken = default) where T : class =>
        Task.FromResult(documents.TryGetValue(name, out var json) ? JsonSerializer.Deserialize<T>(json) : null);

    public Task SaveAsync<T>(string name, T value, CancellationToken cancellationToken = default) where T : class
    {
        documents[name] = JsonSerializer.Serialize(value);
        return Task.CompletedTask;
    }

    public void ClearCache() { }
}
