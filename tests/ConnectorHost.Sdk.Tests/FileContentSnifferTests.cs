using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

public sealed class FileContentSnifferTests
{
    [Fact]
    public void Detect_RiffWave_AudioWav()
    {
        FileContentSniffer.Detect(SampleFiles.Wav()).ShouldBe("audio/wav");
    }

    [Fact]
    public void Detect_Id3Tag_AudioMpeg()
    {
        FileContentSniffer.Detect(SampleFiles.Mp3WithId3Tag()).ShouldBe("audio/mpeg");
    }

    [Fact]
    public void Detect_MpegFrameWithoutTag_AudioMpeg()
    {
        FileContentSniffer.Detect(SampleFiles.Mp3FrameOnly()).ShouldBe("audio/mpeg");
    }

    [Fact]
    public void Detect_Png_ImagePng()
    {
        FileContentSniffer.Detect(SampleFiles.Png()).ShouldBe("image/png");
    }

    [Fact]
    public void Detect_Jpeg_ImageJpegNotMistakenForMpegFrame()
    {
        // JPEG also starts with 0xFF; only the full frame-sync bits make MPEG audio.
        FileContentSniffer.Detect(SampleFiles.Jpeg()).ShouldBe("image/jpeg");
    }

    [Fact]
    public void Detect_RiffThatIsNotWave_NotRecognised()
    {
        FileContentSniffer.Detect(SampleFiles.Avi()).ShouldBeNull();
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("RIFF")]
    [InlineData("ID")]
    [InlineData("")]
    public void Detect_TextOrTooShortToTell_NotRecognised(string content)
    {
        FileContentSniffer.Detect(SampleFiles.Text(content)).ShouldBeNull();
    }

    [Fact]
    public void Detect_TruncatedWaveHeader_NotRecognised()
    {
        FileContentSniffer.Detect(SampleFiles.Wav()[..11]).ShouldBeNull();
    }
}
