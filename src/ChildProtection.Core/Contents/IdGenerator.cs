using System.Security.Cryptography;

namespace ChildProtection.Core.Contents;

/// <summary>26-character lower-case base32 ids (128 random bits), the length Orchard users know.</summary>
public static class IdGenerator
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes);
    }

    /// <summary>A stable id derived from text, for recipe items that name no id (applying twice must match).</summary>
    public static string FromSeed(string seed)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return Encode(hash.AsSpan(0, 16));
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[26];
        int bitBuffer = 0, bitCount = 0, c = 0;
        foreach (var b in bytes)
        {
            bitBuffer = (bitBuffer << 8) | b;
            bitCount += 8;
            while (bitCount >= 5 && c < 26)
            {
                chars[c++] = Alphabet[(bitBuffer >> (bitCount - 5)) & 31];
                bitCount -= 5;
            }
        }
        if (c < 26) chars[c++] = Alphabet[(bitBuffer << (5 - bitCount)) & 31];
        return new string(chars[..c]);
    }
}
