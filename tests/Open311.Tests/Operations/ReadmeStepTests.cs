namespace Open311.Tests;

// How ReadmeWalkthroughTests reads the README and compares what a step prints, host-free.
[Trait("Storage", "none")]
public class ReadmeStepTests
{
    const string Readme = """
        text

        <!-- not run: starts a server -->
        ```sh
        dotnet run --project src/Open311.Server
        ```

        ```sh
        # prose before a command
        curl -s -X POST http://localhost:5000/x \
          -d '{
          "a": 1}'
        # {"a":1,...}
        #  "b":2}

        # prose after a blank line
        KEY=$(make key)   # an inline comment
        curl -s -i http://localhost:5000/y
        # HTTP/1.1 429 Too Many Requests
        # Retry-After: ...
        # [{"code":429,...}]
        ```

        ```json
        {"not": "shell"}
        ```

        ```bash
        echo one
        # one
        ```
        """;

    [Fact]
    public void StepsAreTheShellBlocksNotMarkedNotRunWithTheOutputRightAfterEachCommand()
    {
        var steps = ReadmeWalkthroughTests.Steps(Readme);
        Assert.Equal(4, steps.Count);
        Assert.StartsWith("curl -s -X POST http://localhost:5000/x", steps[0].Command);
        Assert.Equal("KEY=$(make key)   # an inline comment", steps[1].Command);
        Assert.Equal("curl -s -i http://localhost:5000/y", steps[2].Command);
        Assert.Equal("echo one", steps[3].Command);
        Assert.Equal(3, steps[0].Command.Split('\n').Length); // the backslash and the open quote continue it
        Assert.Equal(["{\"a\":1,...}", "\"b\":2}"], steps[0].Shown);
        Assert.Empty(steps[1].Shown);
        Assert.Equal(["HTTP/1.1 429 Too Many Requests", "Retry-After: ...", "[{\"code\":429,...}]"], steps[2].Shown);
        Assert.Equal(["one"], steps[3].Shown);
        Assert.Equal(10, steps[0].Line); // the README line a failure names
    }

    static ReadmeWalkthroughTests.Step Shown(params string[] lines) => new(1, "cmd", lines);

    [Theory]
    [InlineData("{\"a\":1,\"b\":2}", null)]
    [InlineData("{\"a\":1,\"c\":3,\"b\":2}", null)]
    [InlineData("{\"a\":2,\"b\":2}", "the body printed is not the one shown")]
    [InlineData("{\"a\":1,\"b\":2}tail", "the body printed is not the one shown")]
    public void ABodyMatchesWhenEqualButForWhatTheDotsElide(string printed, string? why)
    {
        var result = ReadmeWalkthroughTests.Mismatch(Shown("{\"a\":1,...", "\"b\":2}"), printed, 0);
        if (why is null) Assert.Null(result);
        else Assert.StartsWith(why, result);
    }

    [Theory]
    [InlineData("HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\nRetry-After: 7\n\n[{\"code\":429,\"description\":\"x\"}]", null)]
    [InlineData("HTTP/1.1 200 OK\nRetry-After: 7\n\n[{\"code\":429,\"description\":\"x\"}]", "no printed line is `HTTP/1.1 429 Too Many Requests`")]
    [InlineData("HTTP/1.1 429 Too Many Requests\n\n[{\"code\":429,\"description\":\"x\"}]", "no printed line is `Retry-After: ...`")]
    [InlineData("HTTP/1.1 429 Too Many Requests\nRetry-After: 7\n\n<errors/>", "the body printed is not the one shown")]
    public void HeadersAreLinesInAnyOrderAndTheBodyFollowsThem(string printed, string? why)
    {
        var result = ReadmeWalkthroughTests.Mismatch(Shown("HTTP/1.1 429 Too Many Requests", "Retry-After: ...", "[{\"code\":429,...}]"), printed, 0);
        if (why is null) Assert.Null(result);
        else Assert.StartsWith(why, result);
    }

    [Theory]
    [InlineData("", 0, null)]
    [InlineData("[{\"service_request_id\":\"26-00000001\"}]", 0, null)]
    [InlineData("", 1, "exited with 1")]
    [InlineData("[{\"code\":429,\"description\":\"Rate limit exceeded\"}]", 0, "printed an error")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>404</code></error></errors>", 0, "printed an error")]
    public void AStepShowingNothingMustSucceedWithoutAnError(string printed, int exitCode, string? why)
    {
        var result = ReadmeWalkthroughTests.Mismatch(Shown(), printed, exitCode);
        if (why is null) Assert.Null(result);
        else Assert.StartsWith(why, result);
    }
}
