using Lrs.Application.Admins;
using Lrs.Application.Courses;
using Lrs.Application.Demo;
using Lrs.Application.Portal;
using Lrs.Application.Documents;
using Lrs.Application.Definitions;
using Lrs.Application.LearningPaths;
using Lrs.Application.Erasure;
using Lrs.Application.Progress;
using Lrs.Application.Reports;
using Lrs.Application.Activities;
using Lrs.Application.Agents;
using Lrs.Application.Idempotency;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Application.Tenancy;
using Lrs.Application.Transcripts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lrs.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use-case handlers, each explicitly.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StoredClock>();
        services.AddSingleton<StatementQueryOptions>();
        services.AddScoped<RecordStatementsHandler>();
        services.AddScoped<GetStatementsHandler>();
        services.AddScoped<SaveDocumentHandler>();
        services.AddScoped<GetDocumentHandler>();
        services.AddScoped<GetDocumentIdsHandler>();
        services.AddScoped<DeleteDocumentHandler>();
        services.AddScoped<DeleteDocumentsHandler>();
        services.AddScoped<GetActivityHandler>();
        services.AddScoped<GetPersonHandler>();
        services.AddScoped<GetTranscriptHandler>();
        services.AddSingleton<XapiAuthOptions>();
        services.AddSingleton<VerifiedCredentials>();
        services.AddScoped<AuthenticateCaller>();
        services.AddScoped<CreateTenantHandler>();
        services.AddScoped<IssueCredentialHandler>();
        services.AddScoped<RevokeCredentialHandler>();
        services.AddScoped<ListTenantsHandler>();
        services.AddScoped<ListCredentialsHandler>();
        services.AddScoped<CreateAdminHandler>();
        services.AddScoped<SignInAdminHandler>();
        services.AddScoped<ListAdminsHandler>();
        services.AddScoped<GetOverviewHandler>();
        services.AddScoped<SearchLearnersHandler>();
        services.AddScoped<SaveCourseHandler>();
        services.AddScoped<RequestErasureHandler>();
        services.AddScoped<RequestErasureFromEventHandler>();
        services.AddScoped<ListErasuresHandler>();
        services.AddScoped<GetCourseHandler>();
        services.AddScoped<ListCoursesHandler>();
        services.AddScoped<ImportCmi5CourseHandler>();
        services.AddScoped<ClaimIdempotencyKeyHandler>();
        services.AddScoped<ListAttemptsHandler>();
        services.AddScoped<ListCompletionsHandler>();
        services.AddScoped<ListPassFailHandler>();
        services.AddScoped<ListCourseProgressHandler>();
        services.AddScoped<ListLessonProgressHandler>();
        services.AddScoped<SaveLearningPathHandler>();
        services.AddScoped<GetLearningPathHandler>();
        services.AddScoped<LearnerReadModelQueries>();
        services.AddScoped<DefinitionHandler>();
        services.AddScoped<CompletionRateReportHandler>();
        services.AddScoped<DropOffReportHandler>();
        services.AddScoped<TimeToCompleteReportHandler>();
        services.AddScoped<OverdueReportHandler>();
        services.AddScoped<SeedDemoHandler>();
        services.TryAddSingleton<IGradingRuleSource, ReportedResultGradingRules>();
        return services;
    }
}
