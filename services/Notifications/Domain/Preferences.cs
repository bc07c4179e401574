namespace DaprShop.Notifications.Domain;

/// <summary>
/// Which channels a user gets a kind of message on. Without a choice of theirs: email on, SMS and webhook off (they need
/// a phone number or a URL first). A transactional kind always goes by email: <see cref="CanSet"/> refuses turning it off.
/// </summary>
internal static class Preferences
{
    public static bool Default(string kind, string channel) => channel == Channels.Email;

    /// <summary>Whether the user may set <paramref name="kind"/> on <paramref name="channel"/> to <paramref name="enabled"/>.</summary>
    public static bool CanSet(string kind, string channel, bool enabled) =>
        enabled || channel != Channels.Email || !MessageKinds.Transactional.Contains(kind);

    /// <summary>
    /// The channels a message of <paramref name="kind"/> goes out on, given the user's own choices (kind, channel →
    /// enabled) and what is known of them: no channel without an address to send to.
    /// </summary>
    public static IReadOnlyList<string> ChannelsFor(string kind, IReadOnlyDictionary<(string Kind, string Channel), bool> choices,
        bool hasEmail, bool hasPhone, bool hasWebhook)
    {
        var channels = new List<string>();
        foreach (var channel in Channels.All)
        {
            var on = MessageKinds.Transactional.Contains(kind) && channel == Channels.Email
                || (choices.TryGetValue((kind, channel), out var chosen) ? chosen : Default(kind, channel));
            var reachable = channel switch
            {
                Channels.Email => hasEmail,
                Channels.Sms => hasPhone,
                _ => hasWebhook,
            };
            if (on && reachable) channels.Add(channel);
        }
        return channels;
    }
}
