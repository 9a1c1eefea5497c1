/**
 * Data-platform views shown on every catalog entity: the Monitoring card.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
