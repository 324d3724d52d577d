using ChildProtection.Core.Settings;

namespace ChildProtection.Core.Metadata;

/// <summary>Reads and writes the content definition (one document, cached until it changes).</summary>
public interface IContentDefinitionStore
{
    Task<ContentDefinitionDocument> GetAsync(CancellationToken cancellationToken = default);
    Task<ContentTypeDefinition?> GetTypeAsync(string name, CancellationToken cancellationToken = default);
    Task SaveAsync(ContentDefinitionDocument document, CancellationToken cancellationToken = default);
}

internal sealed class ContentDefinitionStore(IDocumentStore documents) : IContentDefinitionStore
{
    public const string DocumentName = "ContentDefinition";

    public async Task<ContentDefinitionDocument> GetAsync(CancellationToken cancellationToken = default) =>
        await documents.GetAsync<ContentDefinitionDocument>(DocumentName, cancellationToken) ?? new ContentDefinitionDocument();

    public async Task<ContentTypeDefinition?> GetTypeAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).GetType(name);

    public Task SaveAsync(ContentDefinitionDocument document, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(DocumentName, document, cancellationToken);
}
