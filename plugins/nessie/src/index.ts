/**
 * Versions tab and Data versions card: Nessie references, commit log, diff and rollback beside
 * the Paimon snapshots and tags of an entity's tables.
 *
 * @packageDocumentation
 */
export { nessiePlugin as default, isVersionedEntity } from './plugin';
export { nessieApiRef, type NessieApi } from './api/NessieApi';
export { NessieClient } from './api/NessieClient';
