using DaprShop.Catalog.Domain;
using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Money;
using FluentValidation;

namespace DaprShop.Catalog.Apis.Requests;

internal sealed class ProductRequestValidator : AbstractValidator<ProductRequest>
{
    public ProductRequestValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(ProductRules.MaxSkuLength)
            .Must(ProductRules.IsSku).WithMessage("Letters, digits, '-', '_' and '.' only.")
            .When(r => !string.IsNullOrEmpty(r.Sku) && r.Sku.Length <= ProductRules.MaxSkuLength, ApplyConditionTo.CurrentValidator);
        RuleFor(r => r.Name).NotEmpty().MaximumLength(ProductRules.MaxNameLength).Must(NoControlCharacters)
            .WithMessage("Must not contain control characters.");
        RuleFor(r => r.Name).Must(n => Slugs.FromName(n!).Length > 0).When(r => string.IsNullOrEmpty(r.Slug) && !string.IsNullOrWhiteSpace(r.Name))
            .WithMessage("Needs a letter or digit to derive a slug from, or give a slug.");
        RuleFor(r => r.Description).MaximumLength(ProductRules.MaxDescriptionLength).Must(NoControlCharactersButLines!)
            .When(r => r.Description is not null).WithMessage("Must not contain control characters other than line breaks and tabs.");
        RuleFor(r => r.Brand).NotEmpty().MaximumLength(ProductRules.MaxBrandLength).Must(NoControlCharacters)
            .WithMessage("Must not contain control characters.");
        RuleFor(r => r.CategoryPath).NotEmpty().Must(CategoryPaths.IsValid)
            .WithMessage($"A category path like electronics/audio/headphones: 1 to {CategoryPaths.MaxDepth} segments of lower case letters, digits and hyphens.");
        RuleFor(r => r.Price).NotNull();
        RuleFor(r => r.Price!.Amount).NotNull().GreaterThanOrEqualTo(0).LessThanOrEqualTo(ProductRules.MaxPrice)
            .OverridePropertyName("price.amount").When(r => r.Price is not null);
        RuleFor(r => r.Price!.Currency).NotEmpty().Must(Currencies.IsKnown).WithMessage("An ISO 4217 code in upper case, e.g. EUR.")
            .OverridePropertyName("price.currency").When(r => r.Price is not null);
        RuleFor(r => r.Price!.Amount).Must((r, amount) => Currencies.FitsMinorUnits(amount!.Value, r.Price!.Currency!))
            .WithMessage(r => $"{r.Price!.Currency} has {Currencies.DecimalsOf(r.Price.Currency!)} decimals.")
            .OverridePropertyName("price.amount")
            .When(r => r.Price is { Amount: >= 0 and <= ProductRules.MaxPrice } && Currencies.IsKnown(r.Price.Currency));
        RuleFor(r => r.Attributes).Must(a => a!.Count <= AttributeKeys.MaxCount)
            .WithMessage($"At most {AttributeKeys.MaxCount} attributes.").When(r => r.Attributes is not null);
        RuleForEach(r => r.Attributes).ChildRules(a =>
        {
            a.RuleFor(kv => kv.Key).Must(AttributeKeys.IsValid).WithMessage("An attribute name: lower case letters, digits, '-' and '_', starting with a letter.");
            a.RuleFor(kv => kv.Value).NotEmpty().MaximumLength(AttributeKeys.MaxValueLength).Must(NoControlCharacters)
                .WithMessage("Must not contain control characters.");
        }).OverridePropertyName("attributes").When(r => r.Attributes is { Count: <= AttributeKeys.MaxCount });
        RuleFor(r => r.Images).Must(i => i!.Count <= ProductRules.MaxImages)
            .WithMessage($"At most {ProductRules.MaxImages} images.").When(r => r.Images is not null);
        RuleForEach(r => r.Images).NotEmpty().MaximumLength(ProductRules.MaxImageUrlLength).Must(IsImageUrl)
            .WithMessage("An absolute http or https URL.").When(r => r.Images is { Count: <= ProductRules.MaxImages });
        RuleFor(r => r.Slug).Must(Slugs.IsValid).When(r => r.Slug is not null)
            .WithMessage($"Lower case letters and digits joined by single hyphens, at most {Slugs.MaxLength} characters.");
        RuleFor(r => r.Status).Must(s => ProductStatuses.TryParse(s, out _)).When(r => r.Status is not null)
            .WithMessage($"One of {string.Join(", ", ProductStatuses.Names)}.");
    }

    static bool NoControlCharacters(string? s) => s is null || !s.Any(char.IsControl);

    static bool NoControlCharactersButLines(string s) => !s.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    static bool IsImageUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        !url!.Any(char.IsControl);
}

internal sealed class LookupRequestValidator : AbstractValidator<ProductLookupRequest>
{
    public LookupRequestValidator()
    {
        RuleFor(r => r.Ids).NotNull().Must(ids => ids is { Count: > 0 and <= ProductLookupRequest.MaxIds })
            .WithMessage($"From 1 to {ProductLookupRequest.MaxIds} ids.");
        RuleForEach(r => r.Ids).NotEqual(Guid.Empty).When(r => r.Ids is { Count: <= ProductLookupRequest.MaxIds });
    }
}
