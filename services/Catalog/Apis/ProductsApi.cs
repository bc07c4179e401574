using System.Security.Claims;
using DaprShop.Catalog.Apis.Requests;
using DaprShop.Catalog.Data;
using DaprShop.Catalog.Domain;
using DaprShop.Contracts.Catalog;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Catalog.Apis;

/// <summary>
/// The tenant's catalogue. Everyone signed in to the tenant reads and searches it (customers see active products only);
/// admins write it. The tenant comes from the token and the store scopes every read and write to it, so another
/// tenant's product id is simply not found.
/// </summary>
internal static class ProductsApi
{
    /// <summary>Product bodies are small; a larger body is refused before it is read (413).</summary>
    const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/products").WithTags("Products");

        api.MapGet("/", SearchAsync)
            .WithName("SearchProducts")
            .WithSummary("Search and browse: full text (q), category subtree, brand, price range, attr.<name>, status (admins), sort, paging, facets")
            .RequireAuthorization(CatalogPolicies.TenantMember);

        api.MapGet("/{id:guid}", GetAsync)
            .WithName("GetProduct")
            .WithSummary("A product by id, with its ETag (customers: active products only)")
            .RequireAuthorization(CatalogPolicies.TenantMember);

        api.MapGet("/by-slug/{slug}", GetBySlugAsync)
            .WithName("GetProductBySlug")
            .WithSummary("A product by slug, with its ETag (customers: active products only)")
            .RequireAuthorization(CatalogPolicies.TenantMember);

        api.MapPost("/lookup", LookupAsync)
            .WithName("LookupProducts")
            .WithSummary("Current sku, name, price and status of up to 200 products by id (cart and ordering, via Dapr invocation)")
            .WithValidation<ProductLookupRequest>()
            .WithBodyLimit(MaxBodyBytes)
            .RequireAuthorization(CatalogPolicies.TenantMember);

        // The same lookup for services acting without a user token (a guest's cart, a saga step): only cart and ordering,
        // through catalog's own sidecar, for the tenant they name in X-Tenant-ID. Never forwarded by the gateway.
        app.MapPost("/internal/v1/products/lookup", LookupAsync)
            .WithTags("Products")
            .WithName("LookupProductsForService")
            .WithSummary("The product lookup for cart and ordering (Dapr invocation, tenant in X-Tenant-ID)")
            .WithValidation<ProductLookupRequest>()
            .WithBodyLimit(MaxBodyBytes)
            .RequireServiceCaller("cart", "ordering")
            .AllowAnonymous();

        api.MapPost("/", CreateAsync)
            .WithName("CreateProduct")
            .WithSummary("Add a product (admin); the slug is derived from the name when not given")
            .WithValidation<ProductRequest>()
            .WithBodyLimit(MaxBodyBytes)
            .RequireAuthorization(Policies.Admin);

        api.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdateProduct")
            .WithSummary("Replace a product's editable state (admin); If-Match with the current ETag is required (428 without, 412 when stale)")
            .WithValidation<ProductRequest>()
            .WithBodyLimit(MaxBodyBytes)
            .RequireAuthorization(Policies.Admin);

        api.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteProduct")
            .WithSummary("Archive a product (admin; soft delete, it stays resolvable for orders); If-Match honoured when given")
            .RequireAuthorization(Policies.Admin);

        return app;
    }

    static async Task<Results<Ok<ProductSearchResponse>, ValidationProblem>> SearchAsync(ClaimsPrincipal caller, [AsParameters] ProductServices s)
    {
        var parsed = ProductQueryParser.Parse(s.Http.Request.Query, seesAllStatuses: caller.IsInRole(Roles.Admin));
        if (parsed.Query is not { } query) return TypedResults.ValidationProblem(parsed.Errors);
        var result = await s.Store.SearchAsync(query, s.CancellationToken);
        return TypedResults.Ok(new ProductSearchResponse(
            [.. result.Items.Select(ProductSummaryResponse.From)], query.Page, query.PageSize, result.Total,
            new SearchFacets(result.Categories, result.Brands)));
    }

    static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ProductServices s)
    {
        var product = await s.Cache.GetOrLoadAsync(s.TenantId, id, ct => s.Store.GetAsync(id, ct), s.CancellationToken);
        return Visible(product, caller) ? WithETag(s, product!) : NotFound(id.ToString());
    }

    static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetBySlugAsync(string slug, ClaimsPrincipal caller, [AsParameters] ProductServices s)
    {
        // A string that cannot be a slug names no product.
        var product = Slugs.IsValid(slug) ? await s.Store.GetBySlugAsync(slug, s.CancellationToken) : null;
        return Visible(product, caller) ? WithETag(s, product!) : NotFound(Slugs.IsValid(slug) ? slug : "(invalid slug)");
    }

    static async Task<Ok<ProductLookupResponse>> LookupAsync(ProductLookupRequest request, [AsParameters] ProductServices s)
    {
        var ids = request.Ids!.Distinct().ToList();
        var found = (await s.Store.GetManyAsync(ids, s.CancellationToken)).ToDictionary(p => p.Id);
        return TypedResults.Ok(new ProductLookupResponse(
            [.. ids.Where(found.ContainsKey).Select(id => found[id]).Select(p => new ProductLookupItem(p.Id, p.Sku, p.Name, new ProductPrice(p.Price.Amount, p.Price.Currency), p.Status.ToWire()))],
            [.. ids.Where(id => !found.ContainsKey(id))]));
    }

    static async Task<Results<Created<ProductResponse>, ProblemHttpResult>> CreateAsync(ProductRequest request, [AsParameters] ProductServices s)
    {
        var now = s.Clock.GetUtcNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(),
            TenantId = s.TenantId,
            Sku = request.Sku!,
            Name = request.Name!.Trim(),
            Description = request.Description ?? "",
            Brand = request.Brand!.Trim(),
            CategoryPath = request.CategoryPath!,
            Price = new Money(request.Price!.Amount!.Value, request.Price.Currency!),
            Attributes = ToAttributes(request.Attributes),
            Images = ToImages(request.Images),
            Slug = request.Slug ?? Slugs.FromName(request.Name!),
            Status = ProductStatuses.TryParse(request.Status, out var status) ? status : ProductStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        var write = await s.Store.AddAsync(product, s.Events.Created(product), s.CancellationToken);
        if (write.Outcome == ProductWriteOutcome.DuplicateSlug && request.Slug is null)
        {
            // A derived slug taken by a namesake: the SKU is unique in the tenant, so name + SKU is free unless someone chose it.
            product.Slug = Slugs.WithSuffix(product.Slug, Slugs.FromName(product.Sku));
            write = await s.Store.AddAsync(product, s.Events.Created(product), s.CancellationToken);
        }
        if (write.Outcome != ProductWriteOutcome.Written) return Conflict(write.Outcome, product);

        s.Http.Response.Headers.ETag = ETags.Format(write.Product!.Version);
        return TypedResults.Created($"/api/v1/products/{product.Id}", ProductResponse.From(write.Product));
    }

    static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> UpdateAsync(Guid id, ProductRequest request, [AsParameters] ProductServices s)
    {
        var ifMatch = ETags.IfMatchOf(s.Http.Request);
        if (ifMatch.Kind == IfMatchKind.Missing)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, type: CatalogProblems.PreconditionRequired,
                title: "If-Match required", detail: "Send the product's current ETag in If-Match, so an update never overwrites a change you have not seen.");
        if (ifMatch.Kind == IfMatchKind.Invalid) return BadIfMatch();

        var current = await s.Store.GetAsync(id, s.CancellationToken);
        if (current is null) return NotFound(id.ToString());
        if (!ifMatch.Matches(current.Version)) return Stale(s, current);

        var updated = new Product
        {
            Id = current.Id,
            TenantId = current.TenantId,
            Sku = request.Sku!,
            Name = request.Name!.Trim(),
            Description = request.Description ?? "",
            Brand = request.Brand!.Trim(),
            CategoryPath = request.CategoryPath!,
            Price = new Money(request.Price!.Amount!.Value, request.Price.Currency!),
            Attributes = ToAttributes(request.Attributes),
            Images = ToImages(request.Images),
            // Without a slug or status the product keeps its own: a rename does not move its URL.
            Slug = request.Slug ?? current.Slug,
            Status = ProductStatuses.TryParse(request.Status, out var status) ? status : current.Status,
            Rating = current.Rating,
            CreatedAt = current.CreatedAt,
            UpdatedAt = s.Clock.GetUtcNow(),
            Version = current.Version + 1,
        };
        var write = await s.Store.UpdateAsync(updated, current.Version, s.Events.Updated(updated), s.CancellationToken);
        switch (write.Outcome)
        {
            case ProductWriteOutcome.Written:
                await s.Cache.InvalidateAsync(current.TenantId, id, s.CancellationToken);
                return WithETag(s, write.Product!);
            case ProductWriteOutcome.NotFound:
                return NotFound(id.ToString());
            case ProductWriteOutcome.VersionMismatch:
                return Stale(s, write.Product!);
            default:
                return Conflict(write.Outcome, updated);
        }
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, [AsParameters] ProductServices s)
    {
        var ifMatch = ETags.IfMatchOf(s.Http.Request);
        if (ifMatch.Kind == IfMatchKind.Invalid) return BadIfMatch();

        // Without If-Match a concurrent update is no reason to refuse a delete: read again and archive the newer version.
        for (var attempt = 0; ; attempt++)
        {
            var current = await s.Store.GetAsync(id, s.CancellationToken);
            if (current is null) return NotFound(id.ToString());
            if (ifMatch.Kind != IfMatchKind.Missing && !ifMatch.Matches(current.Version)) return Stale(s, current);
            if (current.Status == ProductStatus.Archived) return TypedResults.NoContent(); // already deleted: same answer, no second event

            var expected = current.Version;
            current.Status = ProductStatus.Archived;
            current.UpdatedAt = s.Clock.GetUtcNow();
            current.Version = expected + 1;
            var write = await s.Store.UpdateAsync(current, expected, s.Events.Deleted(current), s.CancellationToken);
            switch (write.Outcome)
            {
                case ProductWriteOutcome.Written:
                    await s.Cache.InvalidateAsync(current.TenantId, id, s.CancellationToken);
                    return TypedResults.NoContent();
                case ProductWriteOutcome.NotFound:
                    return NotFound(id.ToString());
                case ProductWriteOutcome.VersionMismatch when ifMatch.Kind == IfMatchKind.Missing && attempt < 3:
                    continue;
                case ProductWriteOutcome.VersionMismatch:
                    return Stale(s, write.Product!);
                default:
                    // Archiving changes neither SKU nor slug.
                    throw new InvalidOperationException($"archiving product {id} failed with {write.Outcome}");
            }
        }
    }

    /// <summary>Customers see active products only; a draft or archived one does not exist for them.</summary>
    static bool Visible(Product? product, ClaimsPrincipal caller) =>
        product is not null && (product.Status == ProductStatus.Active || caller.IsInRole(Roles.Admin));

    static Ok<ProductResponse> WithETag(ProductServices s, Product product)
    {
        s.Http.Response.Headers.ETag = ETags.Format(product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    static ProblemHttpResult Stale(ProductServices s, Product current)
    {
        s.Http.Response.Headers.ETag = ETags.Format(current.Version);
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, type: ProblemTypes.PreconditionFailed,
            title: "The product has changed", detail: $"The product is at version {current.Version}; read it again and redo the change.");
    }

    static ProblemHttpResult BadIfMatch() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.BadRequest,
            title: "Malformed If-Match", detail: "If-Match takes * or a list of quoted entity tags, e.g. \"3\".");

    static ProblemHttpResult NotFound(string what) => Problem.NotFound("Product", what);

    static ProblemHttpResult Conflict(ProductWriteOutcome outcome, Product product) => outcome switch
    {
        ProductWriteOutcome.DuplicateSku => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: CatalogProblems.DuplicateSku,
            title: "SKU already used", detail: $"Another product of this tenant has SKU '{product.Sku}'."),
        ProductWriteOutcome.DuplicateSlug => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: CatalogProblems.DuplicateSlug,
            title: "Slug already used", detail: $"Another product of this tenant has slug '{product.Slug}'; choose another slug."),
        _ => throw new InvalidOperationException($"not a conflict: {outcome}"),
    };

    static Dictionary<string, string> ToAttributes(Dictionary<string, string?>? attributes) =>
        attributes?.ToDictionary(a => a.Key, a => a.Value!.Trim(), StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    static List<string> ToImages(List<string?>? images) => images?.Select(i => i!).ToList() ?? [];
}
