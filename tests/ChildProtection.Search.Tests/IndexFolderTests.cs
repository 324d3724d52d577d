using ChildProtection.Search.Indexing;
using ChildProtection.Search.Querying;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChildProtection.Search.Tests;

public sealed class IndexFolderTests
{
    [Fact]
    public void A_missing_folder_is_created_and_reported_for_a_rebuild()
    {
        using var folder = new TempFolder("cp-search");
        using var index = new SearchIndex(folder.Combine("search"), NullLogger.Instance);
        Assert.False(index.EnsureOpen());
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_corrupt_index_is_replaced_by_an_empty_one_instead_of_failing()
    {
        using var folder = new TempFolder("cp-search");
        var path = folder.Combine("search");
        using (var first = new SearchIndex(path, NullLogger.Instance))
        {
            first.Upsert(IndexFixture.Doc("a", "Phòng chống đuối nước"));
            first.Commit();
            Assert.Equal(1, first.Count);
        }
        foreach (var file in Directory.GetFiles(path)) File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8]);

        using var second = new SearchIndex(path, NullLogger.Instance);
        Assert.False(second.EnsureOpen());
        Assert.Equal(0, second.Count);
        second.Upsert(IndexFixture.Doc("a", "Phòng chống đuối nước"));
        second.Commit();
        Assert.Single(new SiteSearch(second).Search(new SearchRequest(SearchInput.Parse("duoi nuoc"))).Hits);
    }

    [Fact]
    public void An_index_reopened_keeps_its_documents()
    {
        using var folder = new TempFolder("cp-search");
        var path = folder.Combine("search");
        string reader;
        using (var first = new SearchIndex(path, NullLogger.Instance))
        {
            first.Upsert(IndexFixture.Doc("a", "Phòng chống đuối nước"));
            first.MarkRebuilt();
            first.Applied = 42;
            first.Commit();
            reader = first.ReaderId;
        }
        using var second = new SearchIndex(path, NullLogger.Instance);
        Assert.True(second.EnsureOpen());
        Assert.Equal(1, second.Count);
        // The change log position and the reader's name came back from the commit that holds the documents.
        Assert.Equal(42, second.Applied);
        Assert.Equal(reader, second.ReaderId);
    }

    [Fact]
    public void An_index_whose_rebuild_did_not_finish_is_rebuilt_again()
    {
        using var folder = new TempFolder("cp-search");
        var path = folder.Combine("search");
        using (var first = new SearchIndex(path, NullLogger.Instance))
        {
            first.StartOver(7);
            first.Upsert(IndexFixture.Doc("a", "Phòng chống đuối nước"));
            first.Commit(); // a rebuild's intermediate commit, then the process stops
        }
        using var second = new SearchIndex(path, NullLogger.Instance);
        Assert.False(second.EnsureOpen());
    }
}
