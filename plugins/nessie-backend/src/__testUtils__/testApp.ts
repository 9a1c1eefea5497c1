import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  NessieClient,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createRouter } from '../router';
import { NessieActions } from '../service/NessieActions';
import { NessieVersions } from '../service/NessieVersions';
import { PaimonVersions } from '../service/PaimonVersions';
import type { PipelineTablesSource } from '../service/entityTables';
import { TableHistory } from '../service/TableHistory';

export const h0 =
  '2e1cfa82b035c26cbbbdae632cea070514eb8b773f616aaeaf668e2f0be8f10d';
export const h1 =
  'a5d5cc11bd4156d489468d3aabe26002112d7c8755c3d0b92f2fd31e1b7146bb';
export const h2 =
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export const financeEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'commerce.finance_fact',
    namespace: 'default',
    annotations: {
      'dataplatform.io/nessie-branch': 'finance/daily',
      'dataplatform.io/paimon-table': 'commerce.finance_fact',
    },
  },
  spec: { type: 'paimon-table', owner: 'finance-team' },
};

/** A Nessie client whose every call is a jest mock: "nothing called" is checkable. */
export function fakeNessie() {
  return {
    listReferences: jest.fn(async () => [
      { type: 'BRANCH', name: 'main', hash: h0 },
      { type: 'BRANCH', name: 'finance/daily', hash: h2 },
      { type: 'TAG', name: 'finance/daily-20261124', hash: h1 },
    ]),
    getReference: jest.fn(async (name: string) => ({
      type: 'BRANCH',
      name,
      hash: h2,
    })),
    createBranch: jest.fn(async (name: string, from: { hash?: string }) => ({
      type: 'BRANCH',
      name,
      hash: from.hash,
    })),
    createTag: jest.fn(async (name: string, from: { hash?: string }) => ({
      type: 'TAG',
      name,
      hash: from.hash,
    })),
    commitLog: jest.fn(async () => ({
      entries: [
        {
          hash: h2,
          message: 'second',
          authors: ['ci'],
          parentCommitHashes: [h1],
        },
        {
          hash: h1,
          message: 'first',
          authors: ['ci'],
          parentCommitHashes: [h0],
        },
      ],
    })),
    diff: jest.fn(async () => []),
    assignBranch: jest.fn(
      async (name: string, _expected: string, to: string) => ({
        type: 'BRANCH',
        name,
        hash: to,
      }),
    ),
    deleteReference: jest.fn(),
  };
}

export async function startApp(
  opts: {
    deny?: boolean;
    entities?: Entity[];
    registry?: UpstreamRegistry;
    pipelineTables?: PipelineTablesSource;
  } = {},
) {
  const nessieClient = fakeNessie();
  const registry =
    opts.registry ??
    new UpstreamRegistry({
      flink: [],
      kafka: [],
      kafkaConnect: [],
      trino: [],
      nessie: [
        { name: 'local', client: nessieClient as unknown as NessieClient },
      ],
    });
  const auditEvent = {
    success: jest.fn(async () => {}),
    fail: jest.fn(async () => {}),
  };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async () => [
      { result: opts.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW },
    ]) as any,
  });
  const entities = opts.entities ?? [financeEntity];
  const catalog = {
    getEntityByRef: jest.fn(async (ref: string) =>
      entities.find(e => stringifyEntityRef(e) === ref),
    ),
  };
  const nessie = new NessieVersions(registry);
  const app = express();
  app.use(
    createRouter({
      httpAuth: mockServices.httpAuth(),
      catalog,
      nessie,
      paimon: new PaimonVersions(registry),
      actions: new NessieActions(nessie, permissions, auditor),
      history: new TableHistory(registry, nessie),
      pipelineTables: opts.pipelineTables ?? {
        tablesOf: async () => undefined,
      },
    }),
  );
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  const server = app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    call,
    nessieClient,
    permissions,
    auditor,
    auditEvent,
    catalog,
    close: () => new Promise(r => server.close(r)),
  };
}
