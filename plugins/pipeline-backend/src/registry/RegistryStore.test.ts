import { describeRegistryStore } from '../__testUtils__/storeSuite';

// SQLite, as in development; RegistryStore.integration.test.ts runs the same on PostgreSQL.
describeRegistryStore(['SQLITE_3']);
