using System.Text;
using DaprShop.LocalSidecar.State;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.UnitTests;

public sealed class StateStoreEngineTests
{
    readonly FakeTimeProvider _clock = new();
    readonly StateStoreEngine _store;

    public StateStoreEngineTests() => _store = new StateStoreEngine("s", _clock);

    static StateWrite Put(string key, string value, string? etag = null, bool firstWrite = false, TimeSpan? ttl = null) =>
        new(key, false, Encoding.UTF8.GetBytes(value), etag, firstWrite, ttl);

    [Fact]
    public void Versions_start_at_one_and_grow_with_each_write()
    {
        _store.Apply([Put("k", "a")]);
        _store.Apply([Put("k", "b")]);

        Assert.Equal("2", _store.Get("k")!.Etag);
    }

    [Fact]
    public void A_deleted_key_starts_again_at_version_one()
    {
        _store.Apply([Put("k", "a")]);
        _store.Apply([Put("k", "b")]);
        _store.Apply([new StateWrite("k", true, null, null, false, null)]);
        _store.Apply([Put("k", "c")]);

        Assert.Equal("1", _store.Get("k")!.Etag);
    }

    [Fact]
    public void An_etag_on_a_missing_key_is_a_mismatch()
    {
        var e = Assert.Throws<EtagException>(() => _store.Apply([Put("k", "a", etag: "1")]));
        Assert.Equal(EtagFailure.Mismatch, e.Failure);
    }

    [Fact]
    public void An_expired_key_reads_as_absent_and_leaves_the_key_list()
    {
        _store.Apply([Put("k", "a", ttl: TimeSpan.FromSeconds(10))]);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(_store.Get("k"));
        Assert.Empty(_store.Keys());
    }

    [Fact]
    public void A_failed_check_in_a_batch_leaves_every_key_untouched()
    {
        _store.Apply([Put("a", "1"), Put("b", "1")]);

        Assert.Throws<EtagException>(() => _store.Apply([Put("a", "2"), Put("b", "2", etag: "9")]));

        Assert.Equal("1", Encoding.UTF8.GetString(_store.Get("a")!.Value));
    }
}
