// Kept for the tests of this package; the helpers live in ../testUtils (exported as ./testUtils).
export * from '../testUtils/servingStores';
