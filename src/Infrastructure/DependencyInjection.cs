using Lrs.Application.Admins;
using Lrs.Application.Courses;
using Lrs.Application.Progress;
using Lrs.Application.Documents;
using Lrs.Application.Erasure;
using Lrs.Application.Activities;
using Lrs.Application.Agents;
using Lrs.Application.Idempotency;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Application.Tenancy;
using Lrs.Application.Transcripts;
using Lrs.Infrastructure.Courses;
using Lrs.Infrastructure.Documents;
using Lrs.Infrastructure.Erasure;
using Lrs.Infrastructure.Activities;
using Lrs.Infrastructure.Agents;
using Lrs.Infrastructure.Idempotency;
using Lrs.Infrastructure.Ingest;
using Lrs.Infrastructure.Observability;
using Lrs.Infrastructure.Partitions;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Transcripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lrs.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers persistence, the ingest writer and maintenance for the configured database.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, bool runPartitionMaintenance)
    {
        var database = configuration.GetSection("Lrs:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var ingest = configuration.GetSection("Lrs:Ingest").Get<IngestOptions>() ?? new IngestOptions();
        services.AddSingleton(database);
        services.AddSingleton(ingest);
        services.AddSingleton<LrsMetrics>();

        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(_ => new NpgsqlDataSourceBuilder(database.PostgresConnectionString).Build());
            services.AddSingleton<PostgresConnections>();
            services.AddSingleton<IDbConnectionFactory>(sp => sp.GetRequiredService<PostgresConnections>());
            services.AddSingleton<PostgresStatementStore>();
            services.AddSingleton<IStatementReader>(sp => sp.GetRequiredService<PostgresStatementStore>());
            services.AddSingleton<IStatementBatchStore>(sp => sp.GetRequiredService<PostgresStatementStore>());
            services.AddSingleton<IAttachmentReader, PostgresAttachmentStore>();
            services.AddSingleton<IActivityReader, PostgresActivityStore>();
            services.AddSingleton<IAgentReader, PostgresAgentStore>();
            services.AddDbContext<LrsDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<IDocumentStore, PostgresDocumentStore>();
            services.AddSingleton<ICourseStore, PostgresCourseStore>();
            services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
            services.AddSingleton<PartitionMaintenance>();
            if (runPartitionMaintenance)
            {
                services.AddHostedService(sp => sp.GetRequiredService<PartitionMaintenance>());
            }
        }
        else
        {
            services.AddSingleton(new SqliteConnections(database.EffectiveConnectionString));
            services.AddSingleton<IDbConnectionFactory>(sp => sp.GetRequiredService<SqliteConnections>());
            services.AddSingleton<SqliteStatementStore>();
            services.AddSingleton<IStatementReader>(sp => sp.GetRequiredService<SqliteStatementStore>());
            services.AddSingleton<IStatementBatchStore>(sp => sp.GetRequiredService<SqliteStatementStore>());
            services.AddSingleton<IAttachmentReader, SqliteAttachmentStore>();
            services.AddSingleton<IActivityReader, SqliteActivityStore>();
            services.AddSingleton<IAgentReader, SqliteAgentStore>();
            services.AddDbContext<LrsDbContext>(o => o.UseSqlite(database.EffectiveConnectionString));
            services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
            services.AddSingleton<ICourseStore, SqliteCourseStore>();
            services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        }

        services.AddSingleton<IErasureStore, ErasureStore>();
        services.AddSingleton<ErasureWorker>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ChangeSignals>();
        // SQLite takes one writer at a time; on PostgreSQL several transactions overlap (docs/performance.md).
        var writers = database.Provider == DatabaseProvider.Postgres ? Math.Max(1, ingest.Writers) : 1;
        services.AddSingleton(sp => new StatementBatchWriter(
            sp.GetRequiredService<IStatementBatchStore>(), sp.GetRequiredService<ChangeSignals>(), new WriterGate(writers)));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<IngestQueue>(sp, writers));
        services.AddSingleton<IStatementIngest>(sp => sp.GetRequiredService<IngestQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<IngestQueue>());
        services.AddScoped<ITenancyStore, TenancyStore>();
        services.AddSingleton<ProjectedTranscriptSource>();
        services.AddSingleton<ITranscriptSource>(sp => new ProgressTranscriptSource(sp.GetRequiredService<ProjectedTranscriptSource>(),
            sp.GetRequiredService<ICourseProgressReader>(), sp.GetRequiredService<ILearnerProgressReader>()));
        services.AddScoped<IAdminStore, AdminStore>();
        services.AddSingleton(configuration.GetSection("Lrs:Pdf").Get<PdfOptions>() ?? new PdfOptions());
        services.AddSingleton<TranscriptPdfRenderer>();
        services.AddSingleton<ITranscriptPdf>(sp => sp.GetRequiredService<TranscriptPdfRenderer>());
        return services;
    }
}
