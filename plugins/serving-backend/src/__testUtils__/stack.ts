import fs from 'node:fs';
import path from 'node:path';

// The local stack's serving stores (infra/local), overridable for another environment.
const stackDir =
  process.env.STACK_DIR ?? path.resolve(__dirname, '../../../../infra/local');

export const stores = {
  cassandra: (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(
    ',',
  ),
  dataCenter: process.env.CASSANDRA_DC ?? 'datacenter1',
  couchdb: process.env.COUCHDB_URL ?? 'http://127.0.0.1:5984',
};

/** The CouchDB admin from env, or from the stack's secrets (written when couchdb first starts). */
export function couchAdmin(): { user: string; password: string } {
  const file = path.join(stackDir, '.state/secrets/stack.env');
  const secrets: Record<string, string> = {};
  if (fs.existsSync(file))
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^([A-Z0-9_]+)=(.*)$/);
      if (m) secrets[m[1]] = m[2];
    }
  const user = process.env.COUCHDB_USER ?? secrets.COUCHDB_USER;
  const password = process.env.COUCHDB_PASSWORD ?? secrets.COUCHDB_PASSWORD;
  if (!user || !password)
    throw new Error(
      `COUCHDB_USER/COUCHDB_PASSWORD neither set nor in ${file}: start the stack's couchdb component`,
    );
  return { user, password };
}
