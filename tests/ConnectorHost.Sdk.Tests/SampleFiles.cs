using System.Text;

namespace ConnectorHost.Sdk.Tests;

/// <summary>Small files whose leading bytes are those of the real formats (the sniffer reads only those).</summary>
internal static class SampleFiles
{
    public static byte[] Wav(int size = 64)
    {
        var bytes = new byte[size];
        "RIFF"u8.CopyTo(bytes);
        BitConverter.GetBytes(size - 8).CopyTo(bytes, 4);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    public static byte[] Mp3WithId3Tag(int size = 64)
    {
        var bytes = new byte[size];
        "ID3"u8.CopyTo(bytes);
        bytes[3] = 4;
        return bytes;
    }

    /// <summary>An MP3 without tag starts directly with an MPEG-1 Layer III frame header.</summary>
    public static byte[] Mp3FrameOnly(int size = 64)
    {
        var bytes = new byte[size];
        bytes[0] = 0xFF;
        bytes[1] = 0xFB;
        bytes[2] = 0x90;
        return bytes;
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00];

    /// <summary>A RIFF container that is a video, not audio.</summary>
    public static byte[] Avi()
    {
        var bytes = new byte[32];
        "RIFF"u8.CopyTo(bytes);
        "AVI LIST"u8.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    public static byte[] Text(string text = "This is not audio, just a renamed text file.\n") => Encoding.UTF8.GetBytes(text);
}
