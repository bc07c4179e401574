using DaprShop.LocalSidecar.Resources;
using DaprShop.LocalSidecar.Tests.Support;

namespace DaprShop.LocalSidecar.Tests.Standalone;

/// <summary>The repository's own components/ YAML, loaded exactly as the local sidecar and daprd would.</summary>
public sealed class ProjectResourcesTests
{
    [Theory]
    [InlineData("local", "pubsub.redis")]
    [InlineData("kafka", "pubsub.kafka")]
    public void Each_broker_flavour_loads_with_the_common_components(string flavour, string pubsubType)
    {
        var set = ResourceLoader.Load([ClusterFactory.RepoPath("components", "common"), ClusterFactory.RepoPath("components", flavour)]);

        Assert.Equal(pubsubType, set.Find("pubsub", "pubsub")?.Type);
        Assert.True(set.Find("state", "statestore")?.MetaFlag("actorStateStore"));
        Assert.Equal("secretstores.local.file", set.Find("secretstores", "secretstore")?.Type);
        Assert.Equal("configuration.redis", set.Find("configuration", "configstore")?.Type);
        Assert.NotNull(set.Resiliency.InboundRetryFor("pubsub"));
    }

    [Fact]
    public void The_run_template_names_the_project_components()
    {
        var apps = DaprShop.LocalSidecar.Standalone.RunTemplate.Load(ClusterFactory.RepoPath("dapr.yaml"));

        Assert.All(apps, a => Assert.Equal(
            [ClusterFactory.RepoPath("components", "common"), ClusterFactory.RepoPath("components", "local")], a.ResourcesPaths));
    }
}
