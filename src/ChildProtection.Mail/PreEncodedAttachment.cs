using MimeKit;

namespace ChildProtection.Mail;

/// <summary>
/// A base64 attachment whose encoded text is made once, in both line-ending forms, and written as it is.
/// MimeKit's own part pipes already-encoded content through a line-ending filter on every write — and
/// MailKit writes each message twice (once to measure it for the server's SIZE, once to send it), so for a
/// notice's 30 KB PDF that filter was the largest single cost of a bulk send (bench notices, perf: 14–19%
/// of the process). Written bytes are exactly what <see cref="MimePart"/> writes for the same content;
/// <see cref="MimePart.Content"/> still decodes, for anyone who reads the part.
/// </summary>
internal sealed class PreEncodedAttachment : MimePart
{
    private readonly byte[] unix;
    private readonly byte[] dos;

    public PreEncodedAttachment(ContentType contentType, string fileName, PreEncodedContent encoded) : base(contentType)
    {
        unix = encoded.Unix;
        dos = encoded.Dos;
        // In BodyBuilder's header order, so the part is byte for byte what it would have made.
        ContentTransferEncoding = ContentEncoding.Base64;
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
        FileName = Path.GetFileName(fileName);
        Content = new MimeContent(new MemoryStream(unix, writable: false), ContentEncoding.Base64);
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!contentOnly) Headers.WriteTo(options, stream, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        stream.Write(Encoded(options));
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!contentOnly) await Headers.WriteToAsync(options, stream, cancellationToken);
        await stream.WriteAsync(Encoded(options), cancellationToken);
    }

    private byte[] Encoded(FormatOptions options) => options.NewLineFormat == NewLineFormat.Dos ? dos : unix;
}

/// <summary>The base64 text of one attachment, with LF and with CRLF line ends.</summary>
internal sealed record PreEncodedContent(byte[] Unix, byte[] Dos)
{
    public static PreEncodedContent Of(byte[] bytes)
    {
        using var output = new MemoryStream(bytes.Length * 4 / 3 + bytes.Length / 38 + 16);
        using (var filtered = new MimeKit.IO.FilteredStream(output))
        {
            filtered.Add(MimeKit.IO.Filters.EncoderFilter.Create(ContentEncoding.Base64));
            filtered.Write(bytes, 0, bytes.Length);
            filtered.Flush();
        }
        var unix = output.ToArray();
        var lines = 0;
        foreach (var b in unix) if (b == (byte)'\n') lines++;
        var dos = new byte[unix.Length + lines];
        var at = 0;
        foreach (var b in unix)
        {
            if (b == (byte)'\n') dos[at++] = (byte)'\r';
            dos[at++] = b;
        }
        return new PreEncodedContent(unix, dos);
    }
}
