import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import type { SourceTablePick } from '@internal/backstage-plugin-pipeline-common';
import {
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { pipelineFormsApiRef } from '../api/PipelineFormsApi';
import { PipelineFormsClient } from '../api/PipelineFormsClient';
import { SourceTablePicker } from './SourceTablePicker';
import { sourceTableValidation } from './sourceTableValidation';

const { server, requests } = setupRecordingMsw();
const trino = mockBackendBaseUrl('trino');

const col = (name: string, type: string, primaryKey = false) => ({
  name,
  type,
  nullable: false,
  primaryKey,
});
const ORDERS = [
  col('id', 'bigint(20)', true),
  col('customer_id', 'int(11)'),
  col('status', 'varchar(16)'),
  col('amount', 'decimal(12,2)'),
  col('currency', 'char(3)'),
  col('created_at', 'timestamp'),
  col('updated_at', 'timestamp'),
];
const ARCHIVE = [col('order_id', 'bigint(20)', true), col('note', 'text')];

function fakeSchema() {
  server.use(
    http.get(`${trino}/sources`, () =>
      HttpResponse.json({
        sources: [
          {
            name: 'commerce_mariadb',
            kind: 'mariadb',
            schema: 'commerce',
            title: 'MariaDB commerce',
          },
        ],
      }),
    ),
    http.get(`${trino}/sources/commerce_mariadb/tables`, () =>
      HttpResponse.json({
        source: 'commerce_mariadb',
        tables: ['customers', 'orders', 'orders_archive'],
      }),
    ),
    http.get(
      `${trino}/sources/commerce_mariadb/tables/:table/columns`,
      ({ params }) => {
        const columns = params.table === 'orders' ? ORDERS : ARCHIVE;
        return HttpResponse.json({
          source: 'commerce_mariadb',
          table: params.table,
          columns,
          primaryKey: [columns[0].name],
        });
      },
    ),
  );
}

function Harness(props: { onValue: (v: SourceTablePick) => void }) {
  const [value, setValue] = useState<SourceTablePick | undefined>();
  return (
    <SourceTablePicker
      {...({} as any)}
      formData={value}
      onChange={(v: SourceTablePick) => {
        setValue(v);
        props.onValue(v);
      }}
      schema={{ type: 'object', title: 'Orders of the fraud pipeline' }}
      uiSchema={{
        'ui:options': { shape: 'fraud-cep', copyTable: 'fraud_orders' },
      }}
      idSchema={{ $id: 'root_sourceTables_fraud_orders' }}
      rawErrors={[]}
      disabled={false}
    />
  );
}

async function renderPicker() {
  const values: SourceTablePick[] = [];
  await renderInTestApp(<Harness onValue={v => values.push(v)} />, {
    apis: [[pipelineFormsApiRef, new PipelineFormsClient(mockBackendDeps())]],
  });
  return values;
}

const last = <T,>(a: T[]) => a[a.length - 1];

describe('SourceTablePicker', () => {
  it('starts from the shape’s table and columns, with the types the source declares', async () => {
    fakeSchema();
    const values = await renderPicker();
    await waitFor(() => expect(values.length).toBeGreaterThan(0));
    expect(last(values)).toEqual({
      source: 'commerce_mariadb',
      table: 'orders',
      primaryKey: ['id'],
      // fraud_orders copies these six of the seven (not updated_at).
      columns: [
        { name: 'id', type: 'bigint(20)', nullable: false },
        { name: 'customer_id', type: 'int(11)', nullable: false },
        { name: 'status', type: 'varchar(16)', nullable: false },
        { name: 'amount', type: 'decimal(12,2)', nullable: false },
        { name: 'currency', type: 'char(3)', nullable: false },
        { name: 'created_at', type: 'timestamp', nullable: false },
      ],
    });
    expect(screen.getByText('MariaDB commerce')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'updated_at' }),
    ).not.toBeChecked();
    // The primary key is always copied.
    const id = screen.getByRole('checkbox', { name: 'id' });
    expect(id).toBeChecked();
    expect(id).toBeDisabled();
    expect(screen.getByText(/decimal\(12,2\) not null/)).toBeInTheDocument();
  });

  it('unticks and ticks columns', async () => {
    fakeSchema();
    const values = await renderPicker();
    await waitFor(() => expect(values.length).toBeGreaterThan(0));
    await userEvent.click(screen.getByRole('checkbox', { name: 'amount' }));
    expect(last(values).columns.map(c => c.name)).toEqual([
      'id',
      'customer_id',
      'status',
      'currency',
      'created_at',
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'updated_at' }));
    expect(last(values).columns.map(c => c.name)).toContain('updated_at');
  });

  it('picks another table of the source with all its columns', async () => {
    fakeSchema();
    const values = await renderPicker();
    await waitFor(() => expect(values.length).toBeGreaterThan(0));
    await userEvent.click(screen.getByRole('button', { name: /^Table/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('orders_archive'),
    );
    await waitFor(() => expect(last(values).table).toBe('orders_archive'));
    expect(last(values)).toEqual({
      source: 'commerce_mariadb',
      table: 'orders_archive',
      primaryKey: ['order_id'],
      columns: [
        { name: 'order_id', type: 'bigint(20)', nullable: false },
        { name: 'note', type: 'text', nullable: false },
      ],
    });
    expect(await screen.findByRole('checkbox', { name: 'note' })).toBeChecked();
  });

  it('says when the schema cannot be read', async () => {
    fakeSchema();
    server.use(
      http.get(`${trino}/sources/commerce_mariadb/tables/orders/columns`, () =>
        HttpResponse.json(
          { error: { message: 'trino: query failed (503)' } },
          { status: 503 },
        ),
      ),
    );
    const values = await renderPicker();
    expect(
      await screen.findByText(
        'Could not read the columns of orders: trino: query failed (503)',
      ),
    ).toBeInTheDocument();
    expect(values).toEqual([]);
    expect(requests.some(r => r.url.endsWith('/orders/columns'))).toBe(true);
  });
});

describe('sourceTableValidation', () => {
  const errors = (value: unknown) => {
    const found: string[] = [];
    sourceTableValidation(
      value as SourceTablePick,
      { addError: (e: string) => found.push(e) } as any,
      {} as any,
    );
    return found;
  };

  it('accepts a pick with its primary key, and no pick (the shape’s table)', () => {
    expect(
      errors({
        source: 'commerce_mariadb',
        table: 'orders',
        primaryKey: ['id'],
        columns: [{ name: 'id', type: 'bigint(20)', nullable: false }],
      }),
    ).toEqual([]);
    expect(errors(undefined)).toEqual([]);
  });

  it('refuses a pick without its primary key or with names SQL cannot hold', () => {
    expect(
      errors({
        source: 'commerce_mariadb',
        table: 'orders',
        primaryKey: ['id'],
        columns: [{ name: 'amount', type: 'decimal(12,2)', nullable: false }],
      }),
    ).toEqual(['the primary key (id) of orders must be among the columns']);
    expect(
      errors({
        source: 'commerce_mariadb',
        table: 'orders',
        primaryKey: ['id'],
        columns: [{ name: 'id`; DROP', type: 'bigint', nullable: false }],
      })[0],
    ).toMatch(/^columns\.0\.name: sqlIdentifier/);
  });
});
