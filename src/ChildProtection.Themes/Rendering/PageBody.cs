using Fluid.Values;

namespace ChildProtection.Themes.Rendering;

/// <summary>What the layout shows as <c>Body</c>: HTML given as a string, or a rendered body still in its pooled buffer.</summary>
public readonly struct PageBody
{
    private PageBody(FluidValue value) => Value = value;

    internal FluidValue Value { get; }

    public static implicit operator PageBody(string html) => new(new StringValue(html, encode: false));

    public static implicit operator PageBody(RenderedHtml html) => new(html.AsValue());
}
