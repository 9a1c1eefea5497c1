import { describeRestorePointStore } from '../__testUtils__/restorePointSuite';

// PostgreSQL, as in production and the e2e run: the local stack's server (port 5433, trust).
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  'postgresql://postgres@127.0.0.1:5433/postgres';

describeRestorePointStore(['POSTGRES_15']);
