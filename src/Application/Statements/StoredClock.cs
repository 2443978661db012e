namespace Lrs.Application.Statements;

/// <summary>
/// Assigns the "stored" time of statements (Data §2.4.8) and knows which stored times are still in flight,
/// so the LRS can answer X-Experience-API-Consistent-Through truthfully (Communication §2.1.3): every statement
/// stored before the oldest in-flight time has committed.
/// </summary>
public sealed class StoredClock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, int> _inFlight = [];
    private long _last;

    /// <summary>Reserves a stored time (millisecond precision, never going backwards) and marks it in flight until disposed.</summary>
    public Reservation Reserve()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            _last = Math.Max(now, _last);
            _inFlight[_last] = _inFlight.GetValueOrDefault(_last) + 1;
            return new Reservation(this, _last);
        }
    }

    /// <summary>All statements with a stored time before this are durable and visible.</summary>
    public DateTimeOffset ConsistentThrough()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var oldest = _inFlight.Count == 0 ? now : Math.Min(now, _inFlight.First().Key - 1);
            return DateTimeOffset.FromUnixTimeMilliseconds(oldest);
        }
    }

    private void Release(long stored)
    {
        lock (_gate)
        {
            if (_inFlight[stored] == 1)
            {
                _inFlight.Remove(stored);
            }
            else
            {
                _inFlight[stored]--;
            }
        }
    }

    public sealed class Reservation : IDisposable
    {
        private readonly StoredClock _owner;
        private readonly long _stored;
        private bool _released;

        internal Reservation(StoredClock owner, long stored)
        {
            _owner = owner;
            _stored = stored;
        }

        public DateTimeOffset Stored => DateTimeOffset.FromUnixTimeMilliseconds(_stored);

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                _owner.Release(_stored);
            }
        }
    }
}
