using System.Text;
using DaprShop.LocalSidecar.State;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.UnitTests;

public sealed class InMemoryStateStoreTests
{
    readonly FakeTimeProvider _clock = new();
    readonly InMemoryStateStore _store;

    public InMemoryStateStoreTests() => _store = new InMemoryStateStore("s", _clock);

    static StateWrite Put(string key, string value, string? etag = null, bool firstWrite = false, TimeSpan? ttl = null, bool lastWrite = false) =>
        new(key, false, Encoding.UTF8.GetBytes(value), etag, firstWrite, ttl, lastWrite);

    static StateWrite Delete(string key, string? etag = null, bool lastWrite = false) => new(key, true, null, etag, false, null, lastWrite);

    string Value(string key) => Encoding.UTF8.GetString(_store.Get(key)!.Value);

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
        _store.Apply([Delete("k")]);
        _store.Apply([Put("k", "c")]);

        Assert.Equal("1", _store.Get("k")!.Etag);
    }

    [Fact]
    public void An_etag_on_a_missing_key_creates_it_at_version_one_as_daprds_script_does()
    {
        _store.Write(Put("k", "a", etag: "7"));

        Assert.Equal("1", _store.Get("k")!.Etag);
    }

    [Fact]
    public void A_delete_with_an_etag_on_a_missing_key_succeeds()
    {
        _store.Write(Delete("k", etag: "7"));

        Assert.Null(_store.Get("k"));
    }

    [Fact]
    public void First_write_without_etag_overwrites_a_key_that_was_not_saved_under_first_write_and_marks_it()
    {
        _store.Write(Put("k", "a"));

        _store.Write(Put("k", "b", firstWrite: true));

        Assert.Equal(("b", true), (Value("k"), _store.Get("k")!.FirstWrite));
    }

    [Fact]
    public void A_key_saved_under_first_write_refuses_any_set_without_its_etag_even_under_last_write()
    {
        _store.Write(Put("k", "a", firstWrite: true));

        var again = Assert.Throws<EtagException>(() => _store.Write(Put("k", "b", firstWrite: true)));
        var plain = Assert.Throws<EtagException>(() => _store.Write(Put("k", "c")));
        var lastWriteWithEtag = Assert.Throws<EtagException>(() => _store.Write(Put("k", "d", etag: "1", lastWrite: true)));

        Assert.Equal([EtagFailure.FirstWrite, EtagFailure.FirstWrite, EtagFailure.Mismatch], [again.Failure, plain.Failure, lastWriteWithEtag.Failure]);
        Assert.Equal("a", Value("k"));
    }

    [Fact]
    public void The_first_write_mark_stays_through_etag_writes_and_goes_with_a_delete()
    {
        _store.Write(Put("k", "a", firstWrite: true));
        _store.Write(Put("k", "b", etag: "1"));
        Assert.True(_store.Get("k")!.FirstWrite);

        _store.Write(Delete("k"));
        _store.Write(Put("k", "c"));
        _store.Write(Put("k", "d"));

        Assert.Equal(("d", false), (Value("k"), _store.Get("k")!.FirstWrite));
    }

    [Fact]
    public void An_etag_of_zero_on_a_set_is_no_etag_and_a_delete_under_last_write_still_checks_its_etag()
    {
        _store.Write(Put("k", "a"));
        _store.Write(Put("k", "b", etag: "0"));

        var e = Assert.Throws<EtagException>(() => _store.Write(Delete("k", etag: "1", lastWrite: true)));

        Assert.Equal((EtagFailure.Mismatch, "b"), (e.Failure, Value("k")));
    }

    [Fact]
    public void A_delete_with_an_unparsable_etag_is_a_mismatch_because_daprd_compares_it_as_text()
    {
        _store.Write(Put("k", "a"));

        var e = Assert.Throws<EtagException>(() => _store.Write(Delete("k", etag: "x")));

        Assert.Equal(EtagFailure.Mismatch, e.Failure);
    }

    [Fact]
    public void A_write_without_ttl_keeps_the_keys_expiry_and_an_explicit_zero_removes_it()
    {
        _store.Write(Put("k", "a", ttl: TimeSpan.FromSeconds(60)));
        var expires = _store.Get("k")!.ExpiresAt;
        _clock.Advance(TimeSpan.FromSeconds(10));

        _store.Write(Put("k", "b"));
        Assert.Equal(expires, _store.Get("k")!.ExpiresAt);

        _store.Write(Put("k", "c", ttl: TimeSpan.Zero));
        Assert.Null(_store.Get("k")!.ExpiresAt);
    }

    [Fact]
    public void A_refused_set_leaves_the_expiry_alone_outside_a_transaction()
    {
        _store.Write(Put("k", "a", ttl: TimeSpan.FromSeconds(60)));

        Assert.Throws<EtagException>(() => _store.Write(Put("k", "b", etag: "9", ttl: TimeSpan.Zero)));

        Assert.NotNull(_store.Get("k")!.ExpiresAt);
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
    public void A_refused_write_in_a_transaction_is_skipped_and_the_writes_before_and_after_it_still_apply()
    {
        _store.Apply([Put("a", "1"), Put("b", "1")]);

        var e = Assert.Throws<EtagException>(() => _store.Apply([Put("a", "2"), Put("b", "2", etag: "9"), Put("c", "2")]));

        Assert.Equal(EtagFailure.Mismatch, e.Failure);
        Assert.Equal(["2", "1", "2"], [Value("a"), Value("b"), Value("c")]);
    }

    [Fact]
    public void An_unparsable_etag_refuses_the_whole_transaction_before_any_change()
    {
        var e = Assert.Throws<EtagException>(() => _store.Apply([Put("a", "1"), Put("b", "1", etag: "x")]));

        Assert.Equal(EtagFailure.Invalid, e.Failure);
        Assert.Empty(_store.Keys());
    }

    [Fact]
    public void A_transactions_upsert_under_first_write_does_not_mark_the_key()
    {
        _store.Apply([Put("k", "a", firstWrite: true)]);

        _store.Write(Put("k", "b", firstWrite: true));

        Assert.Equal("b", Value("k"));
    }

    [Fact]
    public void A_refused_set_in_a_transaction_still_applies_its_ttl_to_the_existing_key()
    {
        _store.Write(Put("k", "a"));

        Assert.Throws<EtagException>(() => _store.Apply([Put("k", "b", etag: "9", ttl: TimeSpan.FromSeconds(30))]));

        Assert.Equal(("a", _clock.GetUtcNow().AddSeconds(30)), (Value("k"), _store.Get("k")!.ExpiresAt));
    }

    [Fact]
    public void A_components_ttl_applies_to_writes_naming_none_and_an_explicit_zero_keeps_the_key()
    {
        var store = new InMemoryStateStore("s", _clock, defaultTtl: TimeSpan.FromSeconds(30));

        store.Apply([Put("default", "a"), Put("forever", "b", ttl: TimeSpan.Zero)]);

        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), store.Get("default")!.ExpiresAt);
        Assert.Null(store.Get("forever")!.ExpiresAt);
    }

    [Fact]
    public void The_first_failing_write_in_order_is_the_one_reported()
    {
        _store.Apply([Put("a", "1")]);

        var e = Assert.Throws<EtagException>(() => _store.Apply([Put("a", "2", etag: "7"), Put("b", "2"), Put("a", "3", etag: "8")]));

        Assert.Equal(EtagFailure.Mismatch, e.Failure);
        Assert.Equal("2", Value("b"));
    }
}
