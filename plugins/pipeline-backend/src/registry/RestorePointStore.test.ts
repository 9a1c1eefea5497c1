import { describeRestorePointStore } from '../__testUtils__/restorePointSuite';

// SQLite, as in development; the .integration.test.ts runs the same on PostgreSQL.
describeRestorePointStore(['SQLITE_3']);
