import { addPaymentsSource, parsedExample } from '../testSupport';
import { renderTopics } from './topics';

describe('renderTopics', () => {
  it('renders name, partitions and config entries with the defaults', () => {
    expect(renderTopics(parsedExample())).toEqual([
      {
        name: 'mariadb.commerce.orders',
        partitions: 3,
        replicationFactor: 1,
        configEntries: [
          { name: 'retention.ms', value: '604800000' },
          { name: 'cleanup.policy', value: 'delete' },
        ],
      },
    ]);
  });

  it('renders explicit settings', () => {
    const payments = renderTopics(parsedExample(addPaymentsSource))[1];
    expect(payments.partitions).toBe(6);
    expect(payments.configEntries).toContainEqual({
      name: 'cleanup.policy',
      value: 'compact',
    });
  });
});
