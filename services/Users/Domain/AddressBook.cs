namespace DaprShop.Users.Domain;

/// <summary>Why the address book refused a change.</summary>
internal enum AddressBookError
{
    None,
    /// <summary>The user already has <see cref="AddressBook.MaxAddresses"/> addresses.</summary>
    LimitReached,
    /// <summary><c>isDefault: false</c> on the default address: another address must become the default instead.</summary>
    DefaultCannotBeUnset,
}

/// <summary>
/// The rules of one user's addresses, on the loaded rows (the caller holds the profile's row lock, so nobody else
/// changes them meanwhile):
/// <list type="bullet">
/// <item>at most <see cref="MaxAddresses"/> addresses;</item>
/// <item>a type with addresses has exactly one default: the first address of a type is its default, making another
/// address the default clears the old one, and removing (or retyping) the default promotes the most recently created
/// remaining address of that type;</item>
/// <item>the default cannot be cleared by itself, only replaced.</item>
/// </list>
/// </summary>
internal sealed class AddressBook(List<Address> addresses)
{
    public const int MaxAddresses = 20;

    public IReadOnlyList<Address> Addresses => addresses;

    public AddressBookError Add(Address address, bool? makeDefault)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (addresses.Count >= MaxAddresses) return AddressBookError.LimitReached;

        address.IsDefault = false;
        var first = !addresses.Any(a => a.Type == address.Type);
        addresses.Add(address);
        if (makeDefault == true || first) MakeDefault(address);
        return AddressBookError.None;
    }

    /// <summary>Applies a (possibly) new type and the requested default flag to an address of this book.</summary>
    public AddressBookError Change(Address address, AddressType type, bool? makeDefault)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!addresses.Contains(address)) throw new InvalidOperationException("the address is not in this book");

        if (type == address.Type)
        {
            if (makeDefault == false && address.IsDefault) return AddressBookError.DefaultCannotBeUnset;
            if (makeDefault == true) MakeDefault(address);
            return AddressBookError.None;
        }

        var oldType = address.Type;
        var wasDefault = address.IsDefault;
        address.IsDefault = false;
        address.Type = type;
        if (wasDefault) PromoteNewest(oldType);
        var first = !addresses.Any(a => a != address && a.Type == type);
        if (makeDefault == true || first) MakeDefault(address);
        return AddressBookError.None;
    }

    public void Remove(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!addresses.Remove(address)) throw new InvalidOperationException("the address is not in this book");
        if (address.IsDefault) PromoteNewest(address.Type);
    }

    /// <summary>The default address of a type, if the user has any address of it.</summary>
    public Address? DefaultOf(AddressType type) => addresses.SingleOrDefault(a => a.Type == type && a.IsDefault);

    /// <summary>True when every type with addresses has exactly one default (what the partial unique index also guards).</summary>
    public bool HasOneDefaultPerType() =>
        addresses.GroupBy(a => a.Type).All(g => g.Count(a => a.IsDefault) == 1);

    void MakeDefault(Address address)
    {
        foreach (var other in addresses.Where(a => a.Type == address.Type && a != address && a.IsDefault))
        {
            other.IsDefault = false;
        }

        address.IsDefault = true;
    }

    // Newest by creation time; the id (UUIDv7, roughly time-ordered) only breaks ties, so the choice is deterministic.
    void PromoteNewest(AddressType type)
    {
        if (addresses.Where(a => a.Type == type).OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).FirstOrDefault() is { } newest)
        {
            MakeDefault(newest);
        }
    }
}
