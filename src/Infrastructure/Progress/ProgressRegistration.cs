using Lrs.Application.Definitions;
using Lrs.Application.LearningPaths;
using Lrs.Application.Progress;
using Lrs.Infrastructure.LearningPaths;
using Lrs.Application.Portal;
using Lrs.Infrastructure.Portal;
using Lrs.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lrs.Infrastructure.Progress;

public static class ProgressRegistration
{
    /// <summary>
    /// Registers the progress read models and their projector, which polls the ledger only when
    /// <paramref name="runProjector"/> (the <c>projector</c> role); it can always be run on demand.
    /// </summary>
    public static IServiceCollection AddProgress(this IServiceCollection services, IConfiguration configuration, bool runProjector)
    {
        var options = configuration.GetSection("Lrs:Projector").Get<ProgressProjectorOptions>() ?? new ProgressProjectorOptions();
        if (runProjector)
        {
            options.StageNames(); // an unknown stage stops the start, not the projector later
        }

        services.AddSingleton(options);
        services.AddSingleton(sp => new ProgressStore(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<DatabaseOptions>().Provider));
        services.AddSingleton<IProgressReader>(sp => sp.GetRequiredService<ProgressStore>());
        // Course structure supplies the rules, replacing the application's reported-result default.
        services.Replace(ServiceDescriptor.Singleton<IGradingRuleSource, CourseGradingRuleSource>());
        services.AddSingleton<ICourseProgressReader>(sp => new CourseProgressReader(sp.GetRequiredService<ProgressStore>()));
        services.AddSingleton<ILearnerProgressReader>(sp => new LearnerProgressReader(sp.GetRequiredService<ProgressStore>()));
        services.AddSingleton<ILearningPathStore>(sp => new LearningPathStore(sp.GetRequiredService<ProgressStore>()));
        services.AddSingleton<IDefinitionStore>(sp => new DefinitionStore(sp.GetRequiredService<ProgressStore>()));
        services.AddSingleton<ProgressProjector>();
        services.AddSingleton<IProgressCatchUp>(sp => sp.GetRequiredService<ProgressProjector>());
        services.AddSingleton(sp => new PortalQueries(sp.GetRequiredService<ProgressStore>()));
        services.AddSingleton<ILedgerStatistics>(sp => sp.GetRequiredService<PortalQueries>());
        services.AddSingleton<IEventStatistics>(sp => sp.GetRequiredService<PortalQueries>());
        services.AddSingleton<ILearnerDirectory>(sp => sp.GetRequiredService<PortalQueries>());
        if (runProjector)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ProgressProjector>());
        }

        return services;
    }
}
