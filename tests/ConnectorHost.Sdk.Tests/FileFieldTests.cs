using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>File fields are checked by content, not by name or declared type, and stored in one normalized shape.</summary>
public sealed class FileFieldTests
{
    private static readonly FieldSchema Greeting = new("greeting", new LocalizedText("Greeting").With("de", "Ansage"), FieldType.File)
    {
        MaxLength = 1024,
        AcceptedContentTypes = ["audio/wav", "audio/mpeg"],
    };

    private static JsonObject Upload(string fileName, byte[] data, string contentType = "audio/wav") => new()
    {
        ["fileName"] = fileName,
        ["contentType"] = contentType,
        ["data"] = Convert.ToBase64String(data),
    };

    private static SchemaValidationResult Validate(JsonNode? file, FieldSchema? field = null) =>
        SchemaValidator.Validate([field ?? Greeting], new JsonObject { ["greeting"] = file });

    [Fact]
    public void Validate_WavUpload_StoredWithSniffedContentTypeAndSameData()
    {
        var wav = SampleFiles.Wav();

        var result = Validate(Upload("greeting.wav", wav));

        result.IsValid.ShouldBeTrue();
        var stored = result.Settings["greeting"]!.AsObject();
        stored["fileName"]!.GetValue<string>().ShouldBe("greeting.wav");
        stored["contentType"]!.GetValue<string>().ShouldBe("audio/wav");
        Convert.FromBase64String(stored["data"]!.GetValue<string>()).ShouldBe(wav);
    }

    [Theory]
    [InlineData("greeting.mp3")]
    [InlineData("greeting.wav")]
    public void Validate_Mp3WhateverItsNameOrDeclaredType_StoredAsAudioMpeg(string fileName)
    {
        var result = Validate(Upload(fileName, SampleFiles.Mp3WithId3Tag(), contentType: "audio/wav"));

        result.IsValid.ShouldBeTrue();
        result.Settings["greeting"]!["contentType"]!.GetValue<string>().ShouldBe("audio/mpeg");
    }

    [Fact]
    public void Validate_TextFileRenamedToWav_RefusedNamingFileAndAcceptedTypes()
    {
        var result = Validate(Upload("greeting.wav", SampleFiles.Text()));

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("greeting",
            "Greeting must be one of audio/wav, audio/mpeg (checked by content); 'greeting.wav' is not a recognised format.") { Code = FieldErrorCodes.FileType });
    }

    [Fact]
    public void Validate_PngRenamedToWav_RefusedNamingDetectedType()
    {
        var result = Validate(Upload("greeting.wav", SampleFiles.Png()));

        result.Errors.ShouldHaveSingleItem().Message.ShouldEndWith("'greeting.wav' is image/png.");
    }

    [Fact]
    public void Validate_FileLargerThanMaxLength_RefusedNamingSizeAndLimit()
    {
        var result = Validate(Upload("long.wav", SampleFiles.Wav(size: 1025)));

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("greeting", "Greeting is 1025 bytes; at most 1024 bytes are allowed.") { Code = FieldErrorCodes.TooLong });
    }

    [Fact]
    public void Validate_FileExactlyMaxLength_Accepted()
    {
        Validate(Upload("full.wav", SampleFiles.Wav(size: 1024))).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Validate_FileNameWithFolders_OnlyFileNameKept()
    {
        var result = Validate(Upload("../../uploads/greeting.wav", SampleFiles.Wav()));

        result.Settings["greeting"]!["fileName"]!.GetValue<string>().ShouldBe("greeting.wav");
    }

    [Fact]
    public void Validate_ExtraPropertiesInUpload_NotStored()
    {
        var upload = Upload("greeting.wav", SampleFiles.Wav());
        upload["size"] = 64;
        upload["path"] = "/home/ann/greeting.wav";

        var result = Validate(upload);

        result.Settings["greeting"]!.AsObject().Select(p => p.Key).ShouldBe(["fileName", "contentType", "data"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_DataNotBase64_Refused()
    {
        var upload = Upload("greeting.wav", SampleFiles.Wav());
        upload["data"] = "not base64!";

        Validate(upload).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("greeting", "Greeting: 'data' is not valid base64.") { Code = FieldErrorCodes.Format });
    }

    [Fact]
    public void Validate_EmptyFile_Refused()
    {
        Validate(Upload("empty.wav", [])).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("greeting", "Greeting is an empty file.") { Code = FieldErrorCodes.Invalid });
    }

    [Theory]
    [InlineData("""{"data":"UklGRg=="}""")]
    [InlineData("""{"fileName":"a.wav"}""")]
    [InlineData("\"greeting.wav\"")]
    [InlineData("""{"fileName":"a.wav","data":42}""")]
    public void Validate_NotAnUploadObject_MessageShowsExpectedShape(string json)
    {
        Validate(JsonNode.Parse(json)).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("greeting", "Greeting must be an object with 'fileName' and base64 'data'.") { Code = FieldErrorCodes.WrongType });
    }

    [Fact]
    public void Validate_NoAcceptedTypesAndUnknownContent_StoredAsOctetStream()
    {
        var anyFile = new FieldSchema("greeting", "Attachment", FieldType.File);

        var result = Validate(Upload("notes.txt", SampleFiles.Text(), contentType: "text/plain"), anyFile);

        result.IsValid.ShouldBeTrue();
        result.Settings["greeting"]!["contentType"]!.GetValue<string>().ShouldBe("application/octet-stream");
    }
}
