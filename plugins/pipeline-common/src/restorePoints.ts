/**
 * How a restore shows in the tables' history. A restore rewrites each table from its restore
 * point's Paimon tag as a new snapshot, committed under this Paimon commit-user prefix; the
 * commit callback copies the commit user into the Nessie commit's properties
 * (`paimon.commit-user`), so the Versions tab tells a restore from the job's own commits.
 */
export const RESTORE_COMMIT_USER_PREFIX = 'portal-restore-';

/** The commit-user prefix of a restore to the restore point whose Paimon tag is `paimonTag`. */
export const restoreCommitUserPrefix = (paimonTag: string) =>
  `${RESTORE_COMMIT_USER_PREFIX}${paimonTag}`;

/**
 * The Paimon tag a restore commit restored to, from its commit user (Paimon appends `_<uuid>`
 * to the prefix); undefined for any other commit.
 */
export function restoredTagOfCommitUser(
  commitUser: string | undefined,
): string | undefined {
  if (!commitUser?.startsWith(RESTORE_COMMIT_USER_PREFIX)) return undefined;
  return commitUser
    .slice(RESTORE_COMMIT_USER_PREFIX.length)
    .replace(/_[0-9a-f-]{36}$/, '');
}
