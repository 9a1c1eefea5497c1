import { Flex, Select, Text } from '@backstage/ui';
import type {
  ReferencesResponse,
  TableDiffEntryView,
} from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { NessieApi } from '../api/NessieApi';
import { CallFailed, Loading } from './Problems';

/**
 * Which of the entity's tables changed between two refs (main and the tags under its prefix),
 * with the snapshot each ref records; keys of other pipelines that changed are only counted.
 */
export function DiffPanel(props: {
  api: NessieApi;
  entityRef: string;
  data: ReferencesResponse;
}) {
  const { api, entityRef, data } = props;
  const names = data.references
    .filter(r => r.name === 'main' || (r.type === 'TAG' && r.scope !== 'other'))
    .map(r => r.name);
  const newestTag = names
    .filter(n => n !== 'main')
    .sort()
    .reverse()[0];
  const [from, setFrom] = useState(newestTag ?? names[0]);
  const [to, setTo] = useState(names.includes('main') ? 'main' : names[1]);
  const diff = useAsync(
    async () =>
      from && to && from !== to
        ? api.getTableDiff(entityRef, from, to)
        : undefined,
    [api, entityRef, from, to, data],
  );
  const options = names.map(n => ({ id: n, label: n }));

  let body;
  if (names.length < 2)
    body = (
      <Text color="secondary">
        Nothing to compare yet: tag a release (or create a restore point) to
        compare it with main.
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
      <Flex direction="column" gap="2">
        <SimpleTable<TableDiffEntryView>
          label={`Diff ${from} to ${to}`}
          rows={diff.value.tables}
          rowId={e => e.table}
          empty={`None of the entity's tables differs between ${from} and ${to}.`}
          columns={[
            { title: 'Table', render: e => <code>{e.table}</code> },
            { title: 'Change', render: e => e.change },
            {
              title: 'Snapshot',
              render: e =>
                `${e.fromSnapshotId ?? '—'} → ${e.toSnapshotId ?? '—'}`,
            },
          ]}
        />
        {diff.value.otherKeys ? (
          <Text variant="body-small" color="secondary">
            {diff.value.otherKeys} key(s) of other pipelines differ too (not
            listed).
          </Text>
        ) : null}
      </Flex>
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
