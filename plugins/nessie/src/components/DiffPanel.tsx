import { Flex, Select, Text } from '@backstage/ui';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { NessieApi } from '../api/NessieApi';
import type {
  DiffEntryView,
  ReferencesResponse,
} from '@internal/backstage-plugin-pipeline-common';
import { CallFailed, Loading } from './Problems';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

/** What changed in Nessie between two references (namespaces, Iceberg tables and views). */
export function DiffPanel(props: {
  api: NessieApi;
  entityRef: string;
  data: ReferencesResponse;
}) {
  const { api, entityRef, data } = props;
  const names = data.references.map(r => r.name);
  const [from, setFrom] = useState(
    names.includes('main') && data.branch !== 'main' ? 'main' : names[0],
  );
  const [to, setTo] = useState(
    names.includes(data.branch) ? data.branch : names[1] ?? names[0],
  );
  const diff = useAsync(
    async () =>
      from && to && from !== to ? api.getDiff(entityRef, from, to) : undefined,
    [api, entityRef, from, to, data],
  );
  const options = names.map(n => ({ id: n, label: n }));

  let body;
  if (names.length < 2)
    body = (
      <Text color="secondary">
        Nessie holds only {names[0] ?? 'no reference'}: create a tag or branch
        to compare.
      </Text>
    );
  else if (from === to)
    body = (
      <Text color="secondary">Pick two different references to compare.</Text>
    );
  else if (diff.error)
    body = <CallFailed error={diff.error} upstream="Nessie" what="the diff" />;
  else if (diff.loading || !diff.value)
    body = <Loading label="Loading the diff" rows={2} />;
  else
    body = (
      <SimpleTable<DiffEntryView>
        label={`Diff ${from} to ${to}`}
        rows={diff.value.entries}
        rowId={e => e.key}
        empty={`No difference in Nessie content between ${from} and ${to}.`}
        columns={[
          { title: 'Content key', render: e => <code>{e.key}</code> },
          { title: 'Change', render: e => e.change },
          { title: 'Type', render: e => e.toType ?? e.fromType ?? '—' },
        ]}
      />
    );

  return (
    <Flex direction="column" gap="3">
      <Flex gap="3" align="end">
        <Select
          label="From"
          options={options}
          value={from}
          onChange={v => setFrom(String(v))}
          style={{ minWidth: 220 }}
        />
        <Select
          label="To"
          options={options}
          value={to}
          onChange={v => setTo(String(v))}
          style={{ minWidth: 220 }}
        />
      </Flex>
      {body}
    </Flex>
  );
}
