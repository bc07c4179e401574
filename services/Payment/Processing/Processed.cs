using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Payment.Processing;

/// <summary>What an operation did: the entity (and whether this call created it), or the problem that refused it.</summary>
internal sealed record Processed<T>(T? Value, bool Created, ProblemHttpResult? Problem) where T : class
{
    public static implicit operator Processed<T>(ProblemHttpResult problem) => new(null, false, problem);
}
