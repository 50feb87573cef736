namespace Pictograph.Tests.Infrastructure;

/// <summary>Tests that only read share one seeded server; tests that write or move the clock start their own.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<PictographServer>
{
    public const string Name = "seeded server";
}
