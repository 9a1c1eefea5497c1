/**
 * Data-platform views of catalog entities: the Monitoring card on every entity, and the pipeline
 * lineage card (with live status per node) on Systems and their members.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
