/**
 * Trino for the data-platform portal: links, prepared queries, freshness against the SLO and a
 * read-only, row-limited preview of the Paimon table an entity's annotation names.
 *
 * @packageDocumentation
 */
export { trinoPlugin as default } from './plugin';
