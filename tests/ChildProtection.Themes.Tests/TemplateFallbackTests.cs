using ChildProtection.Themes.Rendering;
using ChildProtection.Themes.Tests.Infrastructure;

namespace ChildProtection.Themes.Tests;

public sealed class TemplateFallbackTests
{
    [Fact]
    public void Names_go_from_type_and_display_to_the_general_template()
    {
        Assert.Equal(["Content-Article.Detail", "Content-Article", "Content.Detail", "Content"], TemplateNames.ForContent("Article", "Detail"));
        // Content-{Type} alone stands for the Detail display only.
        Assert.Equal(["Content-Article.Summary", "Content.Summary", "Content"], TemplateNames.ForContent("Article", "Summary"));
    }

    [Fact]
    public void Names_that_could_leave_the_theme_folder_are_never_tried()
    {
        Assert.Equal(["Content.Detail", "Content"], TemplateNames.ForContent("../../etc/passwd", "Detail"));
        Assert.Equal(["Content"], TemplateNames.ForContent("../x", "Summary/../../y"));
    }

    [Fact]
    public void The_most_specific_existing_template_wins_and_removing_it_falls_back()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T")
            .Write("T", "Content-Article.Summary.liquid", "type-summary")
            .Write("T", "Content-Article.liquid", "type")
            .Write("T", "Content.Summary.liquid", "summary")
            .Write("T", "Content.Detail.liquid", "detail")
            .Write("T", "Content.liquid", "content");
        var theme = themes.Renderer.FindTheme("T")!;
        string Pick(string type, string display) => themes.Renderer.FindTemplate(theme, TemplateNames.ForContent(type, display))!.Value.Name;

        Assert.Equal("Content-Article.Summary", Pick("Article", "Summary"));
        Assert.Equal("Content-Article", Pick("Article", "Detail"));
        Assert.Equal("Content.Detail", Pick("Page", "Detail"));
        Assert.Equal("Content.Summary", Pick("Page", "Summary"));
        Assert.Equal("Content", Pick("Page", "Card"));

        themes.Delete("T", "Content-Article.Summary.liquid");
        Assert.Equal("Content.Summary", Pick("Article", "Summary"));
        themes.Delete("T", "Content-Article.liquid");
        Assert.Equal("Content.Detail", Pick("Article", "Detail"));
        themes.Delete("T", "Content.Detail.liquid");
        Assert.Equal("Content", Pick("Article", "Detail"));
    }

    [Fact]
    public async Task A_changed_template_is_read_again_without_a_restart()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Content.liquid", "<p>before {{ Model.DisplayText }}</p>");
        var item = new Core.Contents.ContentItem { ContentType = "Page", DisplayText = "Trang" };
        Assert.Equal("<p>before Trang</p>", await themes.Renderer.RenderContentAsync(themes.Scope("T"), item, "Detail"));

        themes.Write("T", "Content.liquid", "<p>after {{ Model.DisplayText }}</p>");
        Assert.Equal("<p>after Trang</p>", await themes.Renderer.RenderContentAsync(themes.Scope("T"), item, "Detail"));

        // A new, more specific template is picked up too.
        themes.Write("T", "Content-Page.liquid", "<p>page</p>");
        Assert.Equal("<p>page</p>", await themes.Renderer.RenderContentAsync(themes.Scope("T"), item, "Detail"));
    }

    [Fact]
    public async Task A_template_with_a_syntax_error_is_reported_with_its_file_name()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Content.liquid", "{% if Model %}unclosed");
        var error = await Assert.ThrowsAsync<Liquid.ThemeTemplateException>(() =>
            themes.Renderer.RenderContentAsync(themes.Scope("T"), new Core.Contents.ContentItem { ContentType = "Page" }, "Detail"));
        Assert.Contains("Content.liquid", error.Message);
    }
}
