using DaprShop.ServiceDefaults.Idempotency;

namespace DaprShop.Cart.UnitTests;

public sealed class IdempotencyKeyTests
{
    sealed record Body(Guid? ProductId, int? Quantity);

    [Fact]
    public void The_fingerprint_depends_on_method_path_and_body_but_not_on_how_the_body_was_written()
    {
        var id = Guid.CreateVersion7();
        var a = IdempotencyKey.FingerprintOf("POST", "/api/v1/cart/items", new Body(id, 2));
        Assert.Equal(a, IdempotencyKey.FingerprintOf("post", "/api/v1/cart/items", new Body(id, 2)));
        Assert.NotEqual(a, IdempotencyKey.FingerprintOf("POST", "/api/v1/cart/items", new Body(id, 3)));
        Assert.NotEqual(a, IdempotencyKey.FingerprintOf("PUT", "/api/v1/cart/items", new Body(id, 2)));
        Assert.NotEqual(a, IdempotencyKey.FingerprintOf("POST", "/api/v1/cart/other", new Body(id, 2)));
    }

    [Fact]
    public void A_key_is_stored_per_route()
    {
        Assert.NotEqual(new IdempotencyKey("k", "POST /a", "f").StorageId, new IdempotencyKey("k", "POST /b", "f").StorageId);
        Assert.Equal(64, new IdempotencyKey("k", "POST /a", "f").StorageId.Length);
    }
}
