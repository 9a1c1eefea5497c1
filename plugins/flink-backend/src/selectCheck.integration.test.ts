import type { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { marketingSegmentsSelect } from '@internal/backstage-plugin-pipeline-common';
import {
  flinkRestUrl,
  requireFlink,
  sqlGatewayUrl,
} from './__testUtils__/stack';
import flinkPlugin from './index';

// POST /api/flink/select-check against the real SQL Gateway, as the enrichment form sends it:
// the form's answers so far and one SELECT. The Paimon catalog has no keys here: the Flink
// cluster's own S3 configuration reaches the warehouse (app-config.yaml does the same).

jest.setTimeout(120_000);

const form = {
  name: `select-check-${Date.now().toString(36)}`,
  owner: 'group:default/marketing-team',
  interest: { hotAddToCarts: 5, warmEvents: 20 },
};

describe('POST /api/flink/select-check on the real SQL Gateway', () => {
  let post: (body: unknown) => Promise<{ status: number; body: any }>;

  beforeAll(async () => {
    await requireFlink();
    const backend = await startTestBackend({
      features: [
        flinkPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            dataPlatform: {
              upstreams: {
                flink: [
                  {
                    name: 'local',
                    restUrl: flinkRestUrl,
                    sqlGatewayUrl,
                    timeoutMs: 30_000,
                    paimonCatalog: {
                      name: 'lake',
                      warehouse: 's3://paimon/warehouse',
                    },
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    post = async body => {
      const res = await fetch(
        `http://localhost:${port}/api/flink/select-check`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
      return { status: res.status, body: await res.json() };
    };
  });

  it('answers a plan for the shape’s SELECT with the form’s thresholds', async () => {
    const res = await post({
      shape: 'stream-enrichment',
      params: form,
      table: 'marketing_segments',
      select: '',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted' });
    expect(res.body.planLines).toBeGreaterThan(5);
    expect(res.body.elapsedMs).toBeLessThan(25_000);
  });

  it('answers the planner’s error at the right line of a bad SELECT', async () => {
    // The shape's SELECT with a column the profile does not have, on its own line.
    const select = marketingSegmentsSelect({
      hotAddToCarts: 5,
      warmEvents: 20,
    }).replace(
      'LAST_VALUE(p.is_vip) AS is_vip,',
      'LAST_VALUE(p.is_vip) AS is_vip,\n       LAST_VALUE(p.email) AS email_typo,',
    );
    const line = select.split('\n').findIndex(l => l.includes('p.email')) + 1;
    const res = await post({
      shape: 'stream-enrichment',
      params: form,
      table: 'marketing_segments',
      select,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      scope: 'select',
      position: { line },
    });
    expect(res.body.message).toMatch(
      new RegExp(`line ${line}, column \\d+.*Column 'email' not found`),
    );
  });

  it('refuses a hostile SELECT before the gateway sees it', async () => {
    const res = await post({
      shape: 'stream-enrichment',
      params: form,
      table: 'marketing_segments',
      select: 'SELECT 1 FROM behavior; DROP TABLE customer_profile',
    });
    expect(res.body).toMatchObject({
      status: 'rejected',
      scope: 'select',
      position: { line: 1, column: 23 },
    });
    expect(res.body.elapsedMs).toBeLessThan(1000);
  });
});
