using DaprShop.Payment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Payment.Data.Configurations;

internal sealed class ProcessedWebhookConfiguration : IEntityTypeConfiguration<ProcessedWebhook>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhook> builder)
    {
        builder.ToTable("processed_webhooks");
        builder.HasKey(w => w.EventId);
        builder.Property(w => w.EventId).HasMaxLength(128);
        builder.Property(w => w.Type).HasMaxLength(64);
    }
}
