using System.Buffers.Binary;

namespace ChildProtection.Media.Checking;

/// <summary>
/// Walks an image file's container structure without decoding a pixel: a truncated JPEG, PNG or WebP,
/// or a GIF with thousands of frames, is refused here in microseconds, before ImageSharp sees it.
/// </summary>
internal static class ImageStructure
{
    private static readonly Refusal Damaged = new("The image is damaged or incomplete and cannot be read.");

    /// <summary>Markers up to the first scan, then the end-of-image marker somewhere after it.</summary>
    public static Refusal? CheckJpeg(Stream s)
    {
        var length = s.Length;
        s.Position = 2;
        Span<byte> two = stackalloc byte[2];
        while (true)
        {
            var b = s.ReadByte();
            if (b < 0) return Damaged;
            if (b != 0xFF) return Damaged;
            var marker = s.ReadByte();
            while (marker == 0xFF) marker = s.ReadByte();
            if (marker < 0) return Damaged;
            if (marker == 0xD9) return Damaged; // end of image before any scan
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;
            if (s.Read(two) != 2) return Damaged;
            var segment = BinaryPrimitives.ReadUInt16BigEndian(two);
            if (segment < 2 || s.Position + segment - 2 > length) return Damaged;
            s.Position += segment - 2;
            if (marker == 0xDA) break;
        }
        // Entropy-coded data never holds FF D9 (a data FF is followed by 00), so its presence means the image ends.
        var buffer = new byte[64 * 1024];
        var previousFf = false;
        int read;
        while ((read = s.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (previousFf && buffer[i] == 0xD9) return null;
                previousFf = buffer[i] == 0xFF;
            }
        }
        return Damaged;
    }

    /// <summary>Every chunk's length fits in the file and IEND is reached.</summary>
    public static Refusal? CheckPng(Stream s)
    {
        var length = s.Length;
        s.Position = 8;
        Span<byte> header = stackalloc byte[8];
        var first = true;
        while (true)
        {
            if (s.Read(header) != 8) return Damaged;
            var chunkLength = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header[4..8];
            if (first && !type.SequenceEqual("IHDR"u8)) return Damaged;
            first = false;
            if (chunkLength > int.MaxValue || s.Position + chunkLength + 4 > length) return Damaged;
            if (type.SequenceEqual("IEND"u8)) return null;
            s.Position += chunkLength + 4;
        }
    }

    /// <summary>Counts image descriptors up to the trailer; refuses past <paramref name="maxFrames"/>.</summary>
    public static Refusal? CheckGif(Stream s, int maxFrames)
    {
        s.Position = 10;
        var flags = s.ReadByte();
        if (flags < 0) return Damaged;
        s.Position = 13;
        if ((flags & 0x80) != 0) s.Position += 3 * (1 << ((flags & 7) + 1));
        var frames = 0;
        while (true)
        {
            var introducer = s.ReadByte();
            switch (introducer)
            {
                case 0x3B:
                    return frames == 0 ? Damaged : null;
                case 0x21:
                    if (s.ReadByte() < 0 || !SkipSubBlocks(s)) return Damaged;
                    break;
                case 0x2C:
                    Span<byte> descriptor = stackalloc byte[9];
                    if (s.Read(descriptor) != 9) return Damaged;
                    if ((descriptor[8] & 0x80) != 0) s.Position += 3 * (1 << ((descriptor[8] & 7) + 1));
                    if (s.ReadByte() < 0 || !SkipSubBlocks(s)) return Damaged;
                    if (++frames > maxFrames)
                        return new Refusal("The GIF has more than {0} frames; at most {0} are accepted.", maxFrames);
                    break;
                default:
                    return Damaged;
            }
        }
    }

    private static bool SkipSubBlocks(Stream s)
    {
        while (true)
        {
            var size = s.ReadByte();
            if (size < 0) return false;
            if (size == 0) return true;
            if (s.Position + size > s.Length) return false;
            s.Position += size;
        }
    }

    /// <summary>The RIFF container's declared size fits in the file.</summary>
    public static Refusal? CheckWebp(Stream s)
    {
        s.Position = 4;
        Span<byte> size = stackalloc byte[4];
        if (s.Read(size) != 4) return Damaged;
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(size);
        return declared < 12 || declared + 8L > s.Length ? Damaged : null;
    }
}
