using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ChildProtection.Media.Tests;

/// <summary>Hostile and broken files, made in code so nothing large is committed.</summary>
public static class BadInputs
{
    /// <summary>
    /// A valid PNG whose header says <paramref name="side"/> × <paramref name="side"/> grey pixels, all zero:
    /// a few hundred kilobytes that would decode to side² bytes or more.
    /// </summary>
    public static byte[] DecompressionBombPng(int side = 12_000)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, side);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), side);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale
        Chunk(ms, "IHDR", ihdr);
        using (var idat = new MemoryStream())
        {
            using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[side + 1]; // filter byte 0 and zero pixels
                for (var y = 0; y < side; y++) z.Write(row);
            }
            Chunk(ms, "IDAT", idat.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc32([.. typeBytes, .. data]);
        BinaryPrimitives.WriteUInt32BigEndian(len, crc);
        s.Write(len);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A real small JPEG whose frame header is changed to claim <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] JpegClaiming(int width = 65_000, int height = 65_000)
    {
        var bytes = TestFiles.Jpeg(64, 48);
        for (var i = 2; i < bytes.Length - 9; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), (ushort)width);
                return bytes;
            }
        }
        throw new InvalidOperationException("No frame header found.");
    }

    public static byte[] TruncatedJpeg()
    {
        var bytes = TestFiles.Jpeg(1200, 900);
        return bytes[..(bytes.Length * 6 / 10)];
    }

    /// <summary>A 1 × 1 GIF with <paramref name="frames"/> frames, written by hand (ImageSharp would take a while to encode thousands).</summary>
    public static byte[] GifWithFrames(int frames)
    {
        using var ms = new MemoryStream();
        ms.Write("GIF89a"u8);
        ms.Write([1, 0, 1, 0, 0x80, 0, 0]); // 1 × 1, global colour table of 2 entries
        ms.Write([0, 0, 0, 255, 255, 255]);
        for (var i = 0; i < frames; i++)
        {
            ms.Write([0x21, 0xF9, 4, 0, 1, 0, 0, 0]); // graphic control: 10 ms delay
            ms.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // image descriptor 1 × 1
            ms.Write([2, 2, 0x44, 0x01, 0]); // LZW: clear, 0, end
        }
        ms.WriteByte(0x3B);
        return ms.ToArray();
    }

    public static byte[] Tiff()
    {
        // Little-endian TIFF header and one empty IFD: enough for any sniffer to know it.
        return [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
    }

    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>");

    public static byte[] SvgWithHandler() => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>");

    public static byte[] CleanSvg() => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- logo -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#0b5cab\"/></svg>");

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>");

    /// <summary>A stream of <paramref name="length"/> bytes that starts like a JPEG, without holding them in memory.</summary>
    public sealed class LongStream(long length) : Stream
    {
        private long position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            if (position == 0 && n >= 3) { buffer[offset] = 0xFF; buffer[offset + 1] = 0xD8; buffer[offset + 2] = 0xFF; }
            position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
