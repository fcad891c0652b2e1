namespace SynthData.Server.Tests;

/// <summary>The tests sharing one throwaway PostgreSQL (the bench project's, so there is one copy); xUnit needs the definition in the test assembly.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;
