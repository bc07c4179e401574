using System.Text.Json.Nodes;
using DaprShop.Gateway.OpenApi;

namespace DaprShop.Gateway.UnitTests;

public sealed class GatewayOpenApiTests
{
    const string Document = """
        {
          "openapi": "3.0.4",
          "info": { "title": "DaprShop.Identity", "version": "v1" },
          "servers": [ { "url": "http://identity" } ],
          "paths": {
            "/api/v1/auth/login": { "post": { "operationId": "Login" } },
            "/api/v1/users/{id}": { "get": { "operationId": "GetUser" } },
            "/connect/token": { "post": { "operationId": "Token" } },
            "/token-pruning": { "post": { "operationId": "PruneTokens" } },
            "/api/v10/other": { "get": {} }
          },
          "components": { "schemas": { "LoginRequest": { "type": "object" } } }
        }
        """;

    [Fact]
    public void Api_paths_move_under_the_service_prefix_and_the_rest_is_dropped()
    {
        var rewritten = GatewayOpenApi.Rewrite(JsonNode.Parse(Document)!.AsObject(), "identity");

        var paths = rewritten["paths"]!.AsObject();
        Assert.Equal(["/api/v1/identity/auth/login", "/api/v1/identity/users/{id}"], paths.Select(p => p.Key));
        Assert.Equal("GetUser", paths["/api/v1/identity/users/{id}"]!["get"]!["operationId"]!.GetValue<string>());
    }

    [Fact]
    public void The_gateway_is_the_only_server_and_the_rest_of_the_document_is_kept()
    {
        var rewritten = GatewayOpenApi.Rewrite(JsonNode.Parse(Document)!.AsObject(), "identity");

        Assert.Equal("/", rewritten["servers"]!.AsArray().Single()!["url"]!.GetValue<string>());
        Assert.Equal("DaprShop.Identity", rewritten["info"]!["title"]!.GetValue<string>());
        Assert.NotNull(rewritten["components"]!["schemas"]!["LoginRequest"]);
    }

    [Fact]
    public void A_document_without_paths_gets_an_empty_set()
    {
        var rewritten = GatewayOpenApi.Rewrite(new JsonObject { ["openapi"] = "3.0.4" }, "users");

        Assert.Empty(rewritten["paths"]!.AsObject());
    }
}
