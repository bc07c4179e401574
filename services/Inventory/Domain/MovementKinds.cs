namespace DaprShop.Inventory.Domain;

public static class MovementKinds
{
    public const string Receive = "receive";
    public const string Correct = "correct";
    public const string WriteOff = "write-off";
    public const string Threshold = "threshold";
    public const string Reserve = "reserve";
    public const string Release = "release";
    public const string Expire = "expire";
    public const string Commit = "commit";
    /// <summary>A committed order was cancelled: its units back on hand.</summary>
    public const string Return = "return";

    /// <summary>The kinds an admin asks for by route (<c>POST /api/v1/stock/{sku}/{kind}</c>).</summary>
    public static readonly IReadOnlyList<string> Adjustments = [Receive, Correct, WriteOff];
}
