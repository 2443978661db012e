using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace Lrs.Infrastructure.Sagas;

/// <summary>
/// MassTransit's view of <c>saga_instances</c>: loads an instance for each message, and after the state machine ran,
/// inserts, updates (only the version it loaded) or deletes it. Nothing is locked while the state machine runs;
/// a concurrent change makes the write fail with <see cref="SagaConcurrencyException"/>, and the endpoint's retry
/// policy runs the message again against the new version (docs/decisions/0011).
/// </summary>
public sealed class DatabaseSagaRepositoryContextFactory<TSaga>(SagaStore<TSaga> store) :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, IPersistedSaga
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new DatabaseSagaRepositoryContext<TSaga, T>(store, context));

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        // Instances are JSON, so a query is evaluated over the type's instances; sagas here correlate by id.
        var matches = (await store.ListAsync(null, null, context.CancellationToken)).Where(query.GetFilter()).ToList();
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(new DatabaseSagaRepositoryContext<TSaga, T>(store, context), matches));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DatabaseSagaQueryContext<TSaga>(store, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DatabaseSagaQueryContext<TSaga>(store, cancellationToken));

    public void Probe(ProbeContext context) => context.Add("persistence", "database");
}

/// <summary>Instances are plain objects the repository writes itself, so MassTransit's default saga context fits.</summary>
public sealed class DatabaseSagaConsumeContextFactory<TSaga> : ISagaConsumeContextFactory<SagaStore<TSaga>, TSaga>
    where TSaga : class, IPersistedSaga
{
    public static readonly DatabaseSagaConsumeContextFactory<TSaga> Instance = new();

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(
        SagaStore<TSaga> context, ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        Task.FromResult<SagaConsumeContext<TSaga, T>>(new DefaultSagaConsumeContext<TSaga, T>(consumeContext, instance));
}

/// <summary>The repository as one message sees it.</summary>
public sealed class DatabaseSagaRepositoryContext<TSaga, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, IPersistedSaga
    where TMessage : class
{
    private readonly SagaStore<TSaga> _store;
    private readonly ConsumeContext<TMessage> _message;

    public DatabaseSagaRepositoryContext(SagaStore<TSaga> store, ConsumeContext<TMessage> message)
        : base(message)
    {
        _store = store;
        _message = message;
    }

    private static readonly DatabaseSagaConsumeContextFactory<TSaga> Factory = DatabaseSagaConsumeContextFactory<TSaga>.Instance;

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        Factory.CreateSagaConsumeContext(_store, _message, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        try
        {
            await _store.InsertAsync(instance, CancellationToken);
        }
        catch (SagaConcurrencyException)
        {
            // Already there: the caller loads the stored instance instead.
            return null!;
        }

        return await Factory.CreateSagaConsumeContext(_store, _message, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _store.LoadAsync(correlationId, CancellationToken);
        return instance is null ? null! : await Factory.CreateSagaConsumeContext(_store, _message, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => _store.InsertAsync(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<TSaga> context) => _store.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => _store.DeleteAsync(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        Factory.CreateSagaConsumeContext(_store, consumeContext, instance, mode);
}

/// <summary>Loads and queries outside a message (MassTransit's <c>ILoadSagaRepository</c> / <c>IQuerySagaRepository</c>).</summary>
public sealed class DatabaseSagaQueryContext<TSaga>(SagaStore<TSaga> store, CancellationToken ct) :
    MassTransit.Middleware.BasePipeContext(ct),
    LoadSagaRepositoryContext<TSaga>,
    QuerySagaRepositoryContext<TSaga>
    where TSaga : class, IPersistedSaga
{
    public async Task<TSaga> Load(Guid correlationId) => (await store.LoadAsync(correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var matches = (await store.ListAsync(null, null, cancellationToken)).Where(query.GetFilter()).ToList();
        return new LoadedSagaRepositoryQueryContext<TSaga>(this, matches);
    }
}
