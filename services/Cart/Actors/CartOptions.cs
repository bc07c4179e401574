namespace DaprShop.Cart.Actors;

internal sealed class CartOptions
{
    public const string Section = "Cart";

    /// <summary>A cart nobody changed for this long is deleted (and its backup).</summary>
    public int IdleDays { get; set; } = 7;

    /// <summary>The backup is written this long after the last change (one write for a burst of changes).</summary>
    public int BackupDelaySeconds { get; set; } = 5;

    public TimeSpan Idle => TimeSpan.FromDays(IdleDays);
    public TimeSpan BackupDelay => TimeSpan.FromSeconds(BackupDelaySeconds);
}
