namespace DaprShop.Contracts;

/// <summary>Dapr component names shared by every service (the YAML under components/ and k8s/).</summary>
public static class Components
{
    public const string PubSub = "pubsub";
    public const string StateStore = "statestore";
    public const string SecretStore = "secretstore";
    public const string ConfigStore = "configstore";
}
