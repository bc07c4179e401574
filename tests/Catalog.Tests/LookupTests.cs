using DaprShop.Catalog.Tests.Support;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

public sealed class LookupTests(CatalogService catalog) : IClassFixture<CatalogService>
{
    CatalogApi Api => catalog.Api;

    [Fact]
    public async Task A_lookup_answers_current_price_and_status_of_each_found_id_and_lists_the_missing()
    {
        var t = Api.NewTenant();
        var builder = AProduct().Priced(10);
        var active = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        var draft = await Api.CreateOkAsync(t.AdminToken, AProduct().Draft().Priced(20, "USD").Request());
        await CatalogApi.OkAsync<ProductView>(await Api.UpdateAsync(t.AdminToken, active.Id, builder.Priced(12.5m).Request(), "\"1\""));
        var unknown = Guid.CreateVersion7();

        var lookup = await CatalogApi.OkAsync<LookupView>(await Api.LookupAsync(t.CustomerToken, new { ids = new[] { active.Id, unknown, draft.Id, active.Id } }));

        Assert.Equal([active.Id, draft.Id], lookup.Items.Select(i => i.Id));
        Assert.Equal(new LookupItemView(active.Id, active.Sku, active.Name, new MoneyView(12.5m, "EUR"), "active"), lookup.Items[0]);
        Assert.Equal(new MoneyView(20, "USD"), lookup.Items[1].Price);
        Assert.Equal("draft", lookup.Items[1].Status);
        Assert.Equal([unknown], lookup.Missing);
    }
}
