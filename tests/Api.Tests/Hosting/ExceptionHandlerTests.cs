using System.Data.Common;
using System.Text.Json;
using Lrs.Api.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lrs.Api.Tests.Hosting;

public sealed class ExceptionHandlerTests
{
    private sealed class TestDbException(bool transient, Exception? inner = null) : DbException("database failure", inner)
    {
        public override bool IsTransient => transient;
    }

    private static async Task<(int Status, string? RetryAfter, string Detail)> Handle(Exception exception)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        Assert.True(await new ExceptionHandler(NullLogger<ExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        var retryAfter = context.Response.Headers.RetryAfter;
        return (context.Response.StatusCode, retryAfter.Count == 0 ? null : retryAfter.ToString(), problem.RootElement.GetProperty("detail").GetString()!);
    }

    public static TheoryData<Exception> Transient => new()
    {
        new TestDbException(transient: true),
        new TestDbException(transient: false, new TimeoutException("pool exhausted")),
        new TimeoutException(),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task TryHandleAsync_DatabaseBusyOrTimedOut_Is503WithRetryAfter(Exception exception)
    {
        var (status, retryAfter, detail) = await Handle(exception);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("1", retryAfter);
        Assert.Contains("Retry", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_PermanentDatabaseError_Is500WithoutRetryAfter()
    {
        var (status, retryAfter, detail) = await Handle(new TestDbException(transient: false));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Null(retryAfter);
        Assert.DoesNotContain("database failure", detail, StringComparison.Ordinal);
    }
}
