using DaprShop.Users.Domain;

namespace DaprShop.Users.UnitTests;

public sealed class AddressBookTests
{
    static DateTimeOffset _clock = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Each address a minute newer than the one before.
    static Address A(AddressType type, bool isDefault = false) =>
        new() { Id = Guid.CreateVersion7(), Type = type, IsDefault = isDefault, CreatedAt = _clock = _clock.AddMinutes(1) };

    static AddressBook Book(params Address[] addresses) => new([.. addresses]);

    const AddressType Shipping = AddressType.Shipping;
    const AddressType Billing = AddressType.Billing;

    [Fact]
    public void The_first_address_of_a_type_becomes_its_default_even_when_not_asked()
    {
        var book = Book();
        var first = A(Shipping);

        Assert.Equal(AddressBookError.None, book.Add(first, makeDefault: false));

        Assert.True(first.IsDefault);
    }

    [Fact]
    public void Each_type_has_its_own_default()
    {
        var shipping = A(Shipping, isDefault: true);
        var book = Book(shipping);
        var billing = A(Billing);

        book.Add(billing, makeDefault: null);

        Assert.True(shipping.IsDefault);
        Assert.True(billing.IsDefault);
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void A_later_address_is_not_the_default_unless_asked()
    {
        var current = A(Shipping, isDefault: true);
        var book = Book(current);
        var next = A(Shipping);

        book.Add(next, makeDefault: null);

        Assert.True(current.IsDefault);
        Assert.False(next.IsDefault);
    }

    [Fact]
    public void Adding_a_new_default_clears_the_old_one_of_the_same_type_only()
    {
        var oldShipping = A(Shipping, isDefault: true);
        var billing = A(Billing, isDefault: true);
        var book = Book(oldShipping, billing);
        var newShipping = A(Shipping);

        book.Add(newShipping, makeDefault: true);

        Assert.False(oldShipping.IsDefault);
        Assert.True(newShipping.IsDefault);
        Assert.True(billing.IsDefault);
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void Making_an_existing_address_the_default_switches_it()
    {
        var first = A(Shipping, isDefault: true);
        var second = A(Shipping);
        var book = Book(first, second);

        Assert.Equal(AddressBookError.None, book.Change(second, Shipping, makeDefault: true));

        Assert.False(first.IsDefault);
        Assert.True(second.IsDefault);
        Assert.Same(second, book.DefaultOf(Shipping));
    }

    [Fact]
    public void The_default_cannot_be_unset_by_itself()
    {
        var only = A(Shipping, isDefault: true);
        var other = A(Shipping);
        var book = Book(only, other);

        Assert.Equal(AddressBookError.DefaultCannotBeUnset, book.Change(only, Shipping, makeDefault: false));

        Assert.True(only.IsDefault);
        Assert.False(other.IsDefault);
    }

    [Fact]
    public void Leaving_the_default_flag_out_keeps_it_as_it_is()
    {
        var current = A(Shipping, isDefault: true);
        var other = A(Shipping);
        var book = Book(current, other);

        book.Change(current, Shipping, makeDefault: null);
        book.Change(other, Shipping, makeDefault: null);

        Assert.True(current.IsDefault);
        Assert.False(other.IsDefault);
    }

    [Fact]
    public void Unsetting_a_non_default_is_no_change()
    {
        var current = A(Shipping, isDefault: true);
        var other = A(Shipping);
        var book = Book(current, other);

        Assert.Equal(AddressBookError.None, book.Change(other, Shipping, makeDefault: false));

        Assert.True(current.IsDefault);
        Assert.False(other.IsDefault);
    }

    [Fact]
    public void Removing_the_default_promotes_the_newest_address_of_its_type()
    {
        var older = A(Shipping);
        var current = A(Shipping, isDefault: true);
        var newest = A(Shipping);
        var billing = A(Billing, isDefault: true);
        var book = Book(older, current, newest, billing);

        book.Remove(current);

        Assert.True(newest.IsDefault);
        Assert.False(older.IsDefault);
        Assert.True(billing.IsDefault);
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void Removing_the_last_address_of_a_type_leaves_no_default_of_it()
    {
        var only = A(Shipping, isDefault: true);
        var book = Book(only);

        book.Remove(only);

        Assert.Null(book.DefaultOf(Shipping));
        Assert.Empty(book.Addresses);
    }

    [Fact]
    public void Removing_a_non_default_keeps_the_default()
    {
        var current = A(Shipping, isDefault: true);
        var other = A(Shipping);
        var book = Book(current, other);

        book.Remove(other);

        Assert.True(current.IsDefault);
    }

    [Fact]
    public void Retyping_the_default_promotes_a_successor_in_the_old_type_and_joins_the_new_one()
    {
        var shippingDefault = A(Shipping, isDefault: true);
        var otherShipping = A(Shipping);
        var billingDefault = A(Billing, isDefault: true);
        var book = Book(shippingDefault, otherShipping, billingDefault);

        Assert.Equal(AddressBookError.None, book.Change(shippingDefault, Billing, makeDefault: null));

        Assert.Equal(Billing, shippingDefault.Type);
        Assert.False(shippingDefault.IsDefault);       // billing already has a default
        Assert.True(otherShipping.IsDefault);
        Assert.True(billingDefault.IsDefault);
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void Retyping_into_a_type_with_no_address_makes_it_that_types_default()
    {
        var shipping = A(Shipping, isDefault: true);
        var other = A(Shipping);
        var book = Book(shipping, other);

        book.Change(other, Billing, makeDefault: false);

        Assert.True(other.IsDefault);
        Assert.True(shipping.IsDefault);
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void Retyping_with_make_default_replaces_the_new_types_default()
    {
        var shipping = A(Shipping, isDefault: true);
        var billing = A(Billing, isDefault: true);
        var book = Book(shipping, billing);

        book.Change(shipping, Billing, makeDefault: true);

        Assert.True(shipping.IsDefault);
        Assert.False(billing.IsDefault);
        Assert.Null(book.DefaultOf(Shipping));
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void The_book_holds_at_most_twenty_addresses()
    {
        var book = Book([.. Enumerable.Range(0, AddressBook.MaxAddresses - 1).Select(i => A(i == 0 ? Shipping : Billing, isDefault: i <= 1))]);

        Assert.Equal(AddressBookError.None, book.Add(A(Shipping), makeDefault: null));
        var oneTooMany = A(Shipping);
        Assert.Equal(AddressBookError.LimitReached, book.Add(oneTooMany, makeDefault: true));

        Assert.Equal(AddressBook.MaxAddresses, book.Addresses.Count);
        Assert.DoesNotContain(oneTooMany, book.Addresses);
        Assert.False(oneTooMany.IsDefault);
        Assert.True(book.HasOneDefaultPerType());
    }

    [Fact]
    public void Any_sequence_of_changes_keeps_one_default_per_type_in_use()
    {
        var random = new Random(1234);
        var book = Book();
        for (var step = 0; step < 2000; step++)
        {
            var type = random.Next(2) == 0 ? Shipping : Billing;
            bool? makeDefault = random.Next(3) switch { 0 => null, 1 => true, _ => false };
            switch (random.Next(3))
            {
                case 0:
                    book.Add(A(type), makeDefault);
                    break;
                case 1 when book.Addresses.Count > 0:
                    book.Change(book.Addresses[random.Next(book.Addresses.Count)], type, makeDefault);
                    break;
                case 2 when book.Addresses.Count > 0:
                    book.Remove(book.Addresses[random.Next(book.Addresses.Count)]);
                    break;
            }

            Assert.True(book.HasOneDefaultPerType(), $"after step {step}");
            Assert.True(book.Addresses.Count <= AddressBook.MaxAddresses);
        }
    }
}
