using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.ObjectPool;

namespace ChildProtection.Themes.Rendering;

/// <summary>
/// A rendered page or page body kept in a pooled buffer rather than turned into a string. A campaign page is
/// ~17 KB of UTF-8, ~30 KB as UTF-16: profiling the uncached render (issue 15) showed the body's and the
/// layout's <c>ToString()</c> as the largest allocations of the request, and the garbage collections they
/// caused as the largest share of its time. The body is written into the layout, the layout into the
/// response, straight from the buffer. Dispose returns the buffer to the pool: nothing may keep it after.
/// </summary>
public sealed class RenderedHtml : IDisposable
{
    /// <summary>A few builders per core, each kept only while it holds less than a large page.</summary>
    private static readonly ObjectPool<StringBuilder> Pool = new DefaultObjectPool<StringBuilder>(
        new StringBuilderPooledObjectPolicy { InitialCapacity = 32 * 1024, MaximumRetainedCapacity = 512 * 1024 },
        Environment.ProcessorCount * 4);

    private StringBuilder? builder;

    internal RenderedHtml()
    {
        builder = Pool.Get();
        Writer = new StringWriter(builder, CultureInfo.InvariantCulture);
    }

    /// <summary>Where a template renders into this buffer.</summary>
    internal TextWriter Writer { get; }

    private StringBuilder Builder => builder ?? throw new ObjectDisposedException(nameof(RenderedHtml));

    public int Length => Builder.Length;

    /// <summary>The HTML as one string (for a caller that needs one; a page written to a response never does).</summary>
    public override string ToString() => Builder.ToString();

    /// <summary>The buffer's pieces in order, for a writer that encodes them (the response's UTF-8 body).</summary>
    public StringBuilder.ChunkEnumerator Chunks => Builder.GetChunks();

    /// <summary>Copies the HTML into another template's output.</summary>
    internal async ValueTask WriteToAsync(TextWriter writer)
    {
        foreach (var chunk in Builder.GetChunks()) await writer.WriteAsync(chunk);
    }

    /// <summary>The HTML as a template value written as it is (a page body inside the layout's <c>{{ Body | raw }}</c>).</summary>
    internal FluidValue AsValue() => new RenderedHtmlValue(this);

    public void Dispose()
    {
        if (builder is null) return;
        Pool.Return(builder);
        builder = null;
    }
}

/// <summary>
/// <see cref="RenderedHtml"/> as a Liquid value: written unencoded straight from the buffer; a template that asks
/// for it as text (a filter other than <c>raw</c>) gets the string, made then.
/// </summary>
internal sealed class RenderedHtmlValue(RenderedHtml html) : FluidValue
{
    public RenderedHtml Html => html;

    public override FluidValues Type => FluidValues.String;

    public override bool Equals(FluidValue other) => other is RenderedHtmlValue value ? ReferenceEquals(value.Html, html) : other.Type == FluidValues.String && ToStringValue() == other.ToStringValue();

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => html.ToString();

    public override object ToObjectValue() => ToStringValue();

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => html.WriteToAsync(writer);

    // Read as text ({{ Body.size }}, {{ Body | size }}, {% if Body contains … %}): exactly what the string would answer.
    private StringValue Text => new(html.ToString(), encode: false);

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => Text.GetValueAsync(name, context);

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => Text.GetIndexAsync(index, context);

    public override bool Contains(FluidValue value) => Text.Contains(value);

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => Text.Enumerate(context);

    [Obsolete("Fluid's synchronous write; templates here render asynchronously.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        foreach (var chunk in html.Chunks) writer.Write(chunk.Span);
    }

    public override bool Equals(object? obj) => obj is FluidValue value && Equals(value);

    public override int GetHashCode() => html.GetHashCode();
}
