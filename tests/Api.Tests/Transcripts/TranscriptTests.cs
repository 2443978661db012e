using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using PdfSharp.Pdf.IO;
using static Lrs.Api.Tests.Support.Statements;
using static Lrs.Api.Tests.Transcripts.Learners;

namespace Lrs.Api.Tests.Transcripts;

/// <summary>GET /api/v1/transcripts built from the statement ledger, run on both databases.</summary>
public abstract class TranscriptTests(LrsFactory lrs)
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddDays(2);

    protected LrsFactory Lrs { get; } = lrs;

    /// <summary>Two attempts at one course: the first failed with 8/20, the second completed then passed with 17/20.</summary>
    private async Task<(JsonObject Learner, string Course, Guid First, Guid Second)> TwoAttemptsAsync()
    {
        var learner = Named("Ann " + Guid.NewGuid().ToString("N")[..6]);
        var course = NewActivity();
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();
        await PostAsync(Lrs.Xapi(),
            Did(learner, "initialized", course, first, T0, title: "Safety basics"),
            Did(learner, "failed", course, first, T0.AddMinutes(10), Scored(0.4, 8, 20, success: false)),
            Did(learner, "terminated", course, first, T0.AddMinutes(12)),
            Did(learner, "initialized", course, second, T1),
            Did(learner, "answered", NewActivity(), second, T1.AddMinutes(5), Scored(1, 1, 1, success: true), parent: course),
            Did(learner, "completed", course, second, T1.AddMinutes(20), new JsonObject { ["completion"] = true }),
            Did(learner, "passed", course, second, T1.AddMinutes(21), Scored(0.85, 17, 20, success: true)),
            Did(Named("Someone else"), "passed", course, Guid.NewGuid(), T1, Scored(1, 20, 20, success: true)));
        return (learner, course, first, second);
    }

    private static async Task<JsonObject> JsonOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static DateTimeOffset At(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetTranscript_TwoRegistrations_ReturnsAttemptsOutcomesScoresAndCompletion()
    {
        var client = WithoutVersion(Lrs.Xapi());
        var (learner, course, first, second) = await TwoAttemptsAsync();
        var mboxOnly = new JsonObject { ["mbox"] = learner["mbox"]!.DeepClone() };

        var transcript = await JsonOf(await GetTranscriptAsync(client, mboxOnly));

        Assert.Equal("mbox:" + learner["mbox"]!.GetValue<string>(), transcript["learner"]!["agentKey"]!.GetValue<string>());
        Assert.Equal(learner["name"]!.GetValue<string>(), transcript["learner"]!["displayName"]!.GetValue<string>()); // from the statements
        var courses = transcript["courses"]!.AsArray();
        var only = Assert.Single(courses)!; // the answered question has a parent: part of the course, not a course
        Assert.Equal(course, only["courseId"]!.GetValue<string>());
        Assert.Equal("Safety basics", only["title"]!.GetValue<string>());
        Assert.Equal("passed", only["status"]!.GetValue<string>());
        Assert.Equal(100, only["percentComplete"]!.GetValue<double>());
        Assert.Equal(T0, At(only["started"]));
        Assert.Equal(T1.AddMinutes(20), At(only["completed"]));

        var attempts = only["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        var failed = attempts[0]!;
        Assert.Equal(1, failed["number"]!.GetValue<int>());
        Assert.Equal(first.ToString(), failed["registration"]!.GetValue<string>());
        Assert.Equal("failed", failed["outcome"]!.GetValue<string>());
        Assert.Equal("closed", failed["state"]!.GetValue<string>());
        Assert.Equal(T0, At(failed["opened"]));
        Assert.Equal(T0.AddMinutes(12), At(failed["closed"]));
        Assert.Equal(0.4, failed["score"]!["scaled"]!.GetValue<double>());
        Assert.Equal(8, failed["score"]!["raw"]!.GetValue<double>());
        Assert.Equal(20, failed["score"]!["max"]!.GetValue<double>());
        Assert.False(failed["success"]!.GetValue<bool>());

        var passed = attempts[1]!;
        Assert.Equal(2, passed["number"]!.GetValue<int>());
        Assert.Equal(second.ToString(), passed["registration"]!.GetValue<string>());
        Assert.Equal("passed", passed["outcome"]!.GetValue<string>());
        Assert.Equal(T1.AddMinutes(21), At(passed["closed"]));
        Assert.Equal(0.85, passed["score"]!["scaled"]!.GetValue<double>()); // the verdict's score, not the question's
        Assert.Equal(17, passed["score"]!["raw"]!.GetValue<double>());
        Assert.True(passed["success"]!.GetValue<bool>());

        var completion = Assert.Single(only["completions"]!.AsArray())!;
        Assert.Equal(course, completion["activityId"]!.GetValue<string>());
        Assert.Equal(T1.AddMinutes(20), At(completion["completedAt"]));
    }

    [Fact]
    public async Task GetTranscript_AttemptWithoutEnd_IsOpenAndInProgress()
    {
        var client = WithoutVersion(Lrs.Xapi());
        var learner = Named("Bo");
        await PostAsync(Lrs.Xapi(), Did(learner, "initialized", NewActivity(), Guid.NewGuid(), T0));

        var attempt = (await JsonOf(await GetTranscriptAsync(client, learner)))["courses"]![0]!["attempts"]![0]!;

        Assert.Equal("open", attempt["state"]!.GetValue<string>());
        Assert.Equal("in-progress", attempt["outcome"]!.GetValue<string>());
        Assert.Null(attempt["closed"]);
        Assert.Null(attempt["score"]);
    }

    [Theory]
    [InlineData("", "application/pdf")]
    [InlineData("&format=pdf", null)]
    public async Task GetTranscript_Pdf_ReturnsDocumentWithLearnerName(string query, string? accept)
    {
        var client = WithoutVersion(Lrs.Xapi());
        var (learner, _, _, _) = await TwoAttemptsAsync();
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        }

        var response = await GetTranscriptAsync(client, learner, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("transcript-ann-", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount > 0);
        Assert.Contains(learner["name"]!.GetValue<string>(), pdf.Info.Title, StringComparison.Ordinal);
    }

    [Theory] // the usual 400s: missing or malformed agent, a Group, unknown parameters and formats
    [InlineData("")]
    [InlineData("?agent=not-json")]
    [InlineData("?agent=%7B%22mbox%22%3A%22ann%40example.com%22%7D")]
    [InlineData("?agent=%7B%22objectType%22%3A%22Group%22%2C%22mbox%22%3A%22mailto%3Ag%40example.com%22%7D")]
    [InlineData("?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&since=2020-01-01T00:00:00Z")]
    [InlineData("?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&format=xml")]
    public async Task GetTranscript_BadParameters_Returns400(string query)
    {
        var response = await WithoutVersion(Lrs.Xapi()).GetAsync("/api/v1/transcripts" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetTranscript_NoCredentials_Returns401()
    {
        var response = await GetTranscriptAsync(Lrs.CreateClient(), Named("Ann"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetTranscript_LearnerWithoutStatements_Returns404()
    {
        var response = await GetTranscriptAsync(WithoutVersion(Lrs.Xapi()), Named("Nobody"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact] // Communication §4.2 statements/read/mine, carried over: a learner's own credential reads only its own transcript
    public async Task GetTranscript_ReadMineForAnotherLearner_Returns403()
    {
        var client = WithoutVersion(Lrs.Xapi());
        var (learner, _, _, _) = await TwoAttemptsAsync();
        var mine = WithoutVersion(await Lrs.CredentialAsync(XapiScope.StatementsReadMine));

        var response = await GetTranscriptAsync(mine, learner);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetTranscript_ReadMineForItsOwnLearner_ReturnsTranscript()
    {
        var mine = WithoutVersion(await Lrs.CredentialAsync(XapiScope.StatementsReadMine));
        var self = AuthorityOf(mine);
        await PostAsync(Lrs.Xapi(), Did(self, "completed", NewActivity(), Guid.NewGuid(), T0));

        var transcript = await JsonOf(await GetTranscriptAsync(mine, self));

        Assert.Equal("completed", transcript["courses"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetTranscript_WriteOnlyCredential_Returns403()
    {
        var writer = WithoutVersion(await Lrs.CredentialAsync(XapiScope.StatementsWrite));

        var response = await GetTranscriptAsync(writer, Named("Ann"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetTranscript_OtherTenant_Returns404()
    {
        var (learner, _, _, _) = await TwoAttemptsAsync();
        var (_, other) = await Lrs.NewTenantAsync();

        var response = await GetTranscriptAsync(WithoutVersion(other), learner);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetTranscript_VoidedStatement_IsLeftOut()
    {
        var client = WithoutVersion(Lrs.Xapi());
        var learner = Named("Cy");
        var course = NewActivity();
        var registration = Guid.NewGuid();
        var ids = await PostAsync(Lrs.Xapi(),
            Did(learner, "initialized", course, registration, T0),
            Did(learner, "passed", course, registration, T0.AddMinutes(3), Scored(1, 10, 10, success: true)));
        await PostAsync(Lrs.Xapi(), Voiding(ids[1]));

        var attempt = (await JsonOf(await GetTranscriptAsync(client, learner)))["courses"]![0]!["attempts"]![0]!;

        Assert.Equal("in-progress", attempt["outcome"]!.GetValue<string>());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTranscriptTests(PostgresLrsFactory lrs) : TranscriptTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteTranscriptTests(SqliteLrsFactory lrs) : TranscriptTests(lrs);
