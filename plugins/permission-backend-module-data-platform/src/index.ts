/**
 * Permission policy of the data-platform portal.
 *
 * @packageDocumentation
 */
export { permissionModuleDataPlatform as default } from './module';
export { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';
