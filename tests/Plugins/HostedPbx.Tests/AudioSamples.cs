using System.Text;

namespace HostedPbx.Tests;

/// <summary>Tiny files whose leading bytes are those of real formats (the content sniffer reads only those).</summary>
internal static class AudioSamples
{
    public static byte[] Wav(int size = 64)
    {
        var bytes = new byte[size];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        BitConverter.GetBytes(size - 8).CopyTo(bytes, 4);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Mp3(int size = 64)
    {
        var bytes = new byte[size];
        Encoding.ASCII.GetBytes("ID3").CopyTo(bytes, 0);
        bytes[3] = 4;
        return bytes;
    }

    public static string FileJson(string fileName, byte[] data) =>
        $$"""{"fileName":"{{fileName}}","contentType":"audio/wav","data":"{{Convert.ToBase64String(data)}}"}""";
}
