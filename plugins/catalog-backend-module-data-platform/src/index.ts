/***/
/**
 * The data-platform-processor module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleDataPlatform as default } from './module';
