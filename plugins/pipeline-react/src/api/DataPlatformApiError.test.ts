import { DataPlatformApiError } from './DataPlatformApiError';

describe('DataPlatformApiError', () => {
  it.each([
    [503, 'upstreamDown'],
    [409, 'conflict'],
    [403, 'forbidden'],
  ] as const)('%i is %s, and only that', (status, flag) => {
    const error = new DataPlatformApiError('m', status);
    const flags = ['upstreamDown', 'conflict', 'forbidden'] as const;
    expect(flags.filter(f => error[f])).toEqual([flag]);
    expect([error.name, error.message]).toEqual(['DataPlatformApiError', 'm']);
  });
});
