// Every test carries Storage=engine: it runs on the run's engine (test.sh runs the suite on SQLite, then these again
// on PostgreSQL). A class or test that adds [Trait("Storage", "none")] (no database) or [Trait("Storage", "pinned")]
// (it picks its engines itself) is left out of the PostgreSQL pass: test.sh filters on "Storage!=none&Storage!=pinned",
// which needs every test to have some Storage value.
[assembly: AssemblyTrait("Storage", "engine")]
