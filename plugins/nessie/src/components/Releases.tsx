import { Badge, Flex, Text } from '@backstage/ui';
import type { ReleaseView } from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';
import useAsync from 'react-use/esm/useAsync';
import type { NessieApi } from '../api/NessieApi';
import { CallFailed, Hash, Loading } from './Problems';

const KIND_LABEL: Record<ReleaseView['kind'], string> = {
  release: 'release',
  'restore-point': 'restore point',
  tag: 'tag',
};

function Release({ release }: { release: ReleaseView }) {
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2" align="center">
        <Text variant="body-medium" weight="bold">
          {release.name}
        </Text>
        <Badge>{KIND_LABEL[release.kind]}</Badge>
        <Hash hash={release.hash} />
        <Text variant="body-small" color="secondary">
          Paimon tag <code>{release.paimonTag}</code>
        </Text>
      </Flex>
      <SimpleTable
        label={`Tables at ${release.name}`}
        rows={release.tables}
        rowId={t => t.table}
        empty="No table to show."
        columns={[
          { title: 'Table', render: t => <code>{t.table}</code> },
          {
            title: 'Snapshot',
            render: t => t.snapshotId ?? 'not on main when tagged',
          },
          {
            title: 'Read it back in Trino',
            render: t =>
              t.trinoQuery ? (
                <code style={{ fontSize: '0.85em' }}>{t.trinoQuery}</code>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Flex>
  );
}

/**
 * The tags under the entity's prefix — releases (`finance/daily-yyyymmdd`) and restore points —
 * each with the table states it pins and the Trino query that reads each back. Trino's catalog
 * reads `main`, so a tag is read through the snapshot it pins (`FOR VERSION AS OF`), while Paimon
 * still has that snapshot in the table's Iceberg metadata (its snapshot retention).
 */
export function Releases(props: { api: NessieApi; entityRef: string }) {
  const { api, entityRef } = props;
  const releases = useAsync(() => api.getReleases(entityRef), [api, entityRef]);
  if (releases.error)
    return (
      <CallFailed
        error={releases.error}
        upstream="Nessie"
        what="the releases"
      />
    );
  if (!releases.value) return <Loading label="Loading the releases" rows={3} />;
  const { prefix, releases: list } = releases.value;
  if (!prefix)
    return (
      <Text color="secondary">
        Releases are the tags under the entity's prefix: add a
        dataplatform.io/nessie-branch annotation to name it.
      </Text>
    );
  if (!list.length)
    return (
      <Text color="secondary">
        No tag under {prefix} yet: a release deploy step or "Create restore
        point" on the Deployment tab makes one.
      </Text>
    );
  return (
    <Flex direction="column" gap="4">
      {list.map(r => (
        <Release key={r.name} release={r} />
      ))}
    </Flex>
  );
}
