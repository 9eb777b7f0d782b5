using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace HostedPbx.Tests;

/// <summary>
/// Decodes the QR code in a PNG the way a phone would see it: the PNG is unpacked here (zlib + scanline
/// filters, grey/RGB/palette, 1–8 bit) into luminance, then read by ZXing.
/// </summary>
internal static class PngQrDecoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string Decode(byte[] png)
    {
        var (width, height, luminance) = Luminance(png);
        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.CHARACTER_SET] = "UTF-8" };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)
            ?? throw new InvalidDataException("No QR code found in the PNG.");
        return result.Text;
    }

    private static (int Width, int Height, byte[] Luminance) Luminance(byte[] png)
    {
        if (!png.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG.");
        }
        int width = 0, height = 0, bitDepth = 0, colorType = 0;
        byte[][] palette = [];
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colorType = data[9];
                    if (data[12] != 0)
                    {
                        throw new InvalidDataException("Interlaced PNGs are not supported by this test decoder.");
                    }
                    break;
                case "PLTE":
                    palette = new byte[length / 3][];
                    for (var i = 0; i < palette.Length; i++)
                    {
                        palette[i] = data.Slice(i * 3, 3).ToArray();
                    }
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }
            offset += 12 + length;
        }

        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"Colour type {colorType}.") };
        var bitsPerPixel = channels * bitDepth;
        var stride = (width * bitsPerPixel + 7) / 8;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();

        var luminance = new byte[width * height];
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var line = bytes.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            Unfilter(filter, line, previous, bytesPerPixel);
            for (var x = 0; x < width; x++)
            {
                luminance[y * width + x] = PixelLuminance(line, x, bitDepth, colorType, palette);
            }
            previous = line;
        }
        return (width, height, luminance);
    }

    private static void Unfilter(byte filter, byte[] line, byte[] previous, int bpp)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bpp ? line[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
            line[i] = (byte)(line[i] + filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"Filter {filter}."),
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte PixelLuminance(byte[] line, int x, int bitDepth, int colorType, byte[][] palette)
    {
        if (bitDepth < 8)
        {
            var bit = x * bitDepth;
            var sample = (line[bit / 8] >> (8 - bitDepth - bit % 8)) & ((1 << bitDepth) - 1);
            return colorType == 3 ? Grey(palette[sample]) : (byte)(sample * 255 / ((1 << bitDepth) - 1));
        }
        return colorType switch
        {
            0 or 4 => line[x * (colorType == 0 ? 1 : 2)],
            2 => Grey(line.AsSpan(x * 3, 3).ToArray()),
            3 => Grey(palette[line[x]]),
            _ => Grey(line.AsSpan(x * 4, 3).ToArray()),
        };
    }

    private static byte Grey(byte[] rgb) => (byte)((rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000);
}
