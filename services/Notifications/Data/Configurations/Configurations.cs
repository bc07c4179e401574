using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Notifications.Data.Configurations;

internal static class Lengths
{
    public const int Email = 254;
    public const int Phone = 20;
    public const int Url = 2048;
    public const int Kind = 32;
    public const int Channel = 16;
    public const int Subject = 200;
    public const int TemplateBody = 20_000;
    public const int FromName = 100;
    public const int OrderNumber = 32;
    public const int Error = 500;
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(c => new { c.TenantId, c.UserId });
        builder.Property(c => c.Email).HasMaxLength(Lengths.Email);
        builder.Property(c => c.Phone).HasMaxLength(Lengths.Phone);
        builder.Property(c => c.WebhookUrl).HasMaxLength(Lengths.Url);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class PreferenceConfiguration : IEntityTypeConfiguration<Preference>
{
    public void Configure(EntityTypeBuilder<Preference> builder)
    {
        builder.ToTable("preferences");
        builder.HasKey(p => new { p.TenantId, p.UserId, p.Kind, p.Channel });
        builder.Property(p => p.Kind).HasMaxLength(Lengths.Kind);
        builder.Property(p => p.Channel).HasMaxLength(Lengths.Channel);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("templates");
        builder.HasKey(t => new { t.TenantId, t.Kind, t.Channel });
        builder.Property(t => t.Kind).HasMaxLength(Lengths.Kind);
        builder.Property(t => t.Channel).HasMaxLength(Lengths.Channel);
        builder.Property(t => t.Subject).HasMaxLength(Lengths.Subject);
        builder.Property(t => t.Body).HasMaxLength(Lengths.TemplateBody);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class SenderIdentityConfiguration : IEntityTypeConfiguration<SenderIdentity>
{
    public void Configure(EntityTypeBuilder<SenderIdentity> builder)
    {
        builder.ToTable("senders");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.FromAddress).HasMaxLength(Lengths.Email);
        builder.Property(s => s.FromName).HasMaxLength(Lengths.FromName);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class KnownOrderConfiguration : IEntityTypeConfiguration<KnownOrder>
{
    public void Configure(EntityTypeBuilder<KnownOrder> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => new { o.TenantId, o.OrderId });
        builder.Property(o => o.Number).HasMaxLength(Lengths.OrderNumber);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    /// <summary>One message per event per channel, whatever the redelivery: the database decides.</summary>
    public const string OnePerEventAndChannel = "ux_messages_tenant_event_channel";

    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.TenantId, m.EventId, m.Channel }).IsUnique().HasDatabaseName(OnePerEventAndChannel);
        builder.HasIndex(m => new { m.TenantId, m.UserId, m.CreatedAt });
        builder.HasIndex(m => new { m.TenantId, m.Status, m.CreatedAt });
        // The sweep's queue: pending messages by when they are due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.Property(m => m.Kind).HasMaxLength(Lengths.Kind);
        builder.Property(m => m.Channel).HasMaxLength(Lengths.Channel);
        builder.Property(m => m.Recipient).HasMaxLength(Lengths.Url);
        builder.Property(m => m.Subject).HasMaxLength(Lengths.Subject * 2);
        builder.Property(m => m.From).HasMaxLength(Lengths.Email + Lengths.FromName + 8);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(Lengths.Error);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.TenantId, a.MessageId, a.At });
        builder.Property(a => a.Outcome).HasMaxLength(32);
        builder.Property(a => a.Error).HasMaxLength(Lengths.Error);
        builder.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.UseSnakeCaseColumns();
    }
}
