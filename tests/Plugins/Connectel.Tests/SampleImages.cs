namespace Connectel.Tests;

/// <summary>Image files by their leading bytes, as a browser upload would send them (base64).</summary>
internal static class SampleImages
{
    public static string Png() => Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

    public static string Jpeg(int size = 64)
    {
        var bytes = new byte[size];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return Convert.ToBase64String(bytes);
    }

    public static string Gif() => Convert.ToBase64String("GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000"u8.ToArray());
}
