/**
 * Backend of the Versions tab: Nessie references, commit log, diff, create and rollback,
 * and the Paimon snapshots and tags of an entity's tables.
 *
 * @packageDocumentation
 */
export { nessiePlugin as default } from './plugin';
