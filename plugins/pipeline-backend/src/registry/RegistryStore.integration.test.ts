import { describeRegistryStore } from '../__testUtils__/storeSuite';

// PostgreSQL, as in production and the e2e run: the local stack's server (infra/local,
// port 5433, trust auth). TestDatabases creates a database per test and drops it after.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  'postgresql://postgres@127.0.0.1:5433/postgres';

describeRegistryStore(['POSTGRES_15']);
