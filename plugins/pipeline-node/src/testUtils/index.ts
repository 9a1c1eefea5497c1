/** Helpers for integration tests against the local stack (infra/local), for every backend package. */
export * from './stack';
export * from './servingStores';
export * from './livePipeline';
