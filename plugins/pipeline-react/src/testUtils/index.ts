/**
 * Test helpers of the data-platform frontend plugins: msw with request recording, mock backend
 * dependencies and an entity builder. A separate entry point, so msw and the test utils stay
 * out of the app bundle.
 *
 * @packageDocumentation
 */
export { setupRecordingMsw } from './setupRecordingMsw';
export { entityWithAnnotations } from './entityWithAnnotations';
export { mockBackendBaseUrl, mockBackendDeps } from './mockBackend';
