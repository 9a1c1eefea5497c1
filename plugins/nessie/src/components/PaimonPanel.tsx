import { Alert, Button, Flex, Text } from '@backstage/ui';
import type {
  PaimonResponse,
  PaimonSnapshotView,
  PaimonTableVersions,
  PaimonTagView,
} from '@internal/backstage-plugin-pipeline-common';
import { formatTime } from './format';
import { Hash } from './Problems';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

const SHOWN_SNAPSHOTS = 10;

function TagLink(props: {
  tag: PaimonTagView;
  nessieDown: boolean;
  onSelectRef?: (name: string) => void;
}) {
  const ref = props.tag.nessieRef;
  if (!ref) {
    return (
      <Text variant="body-small" color="secondary">
        {props.nessieDown
          ? 'Nessie not reachable'
          : 'no Nessie ref of this name'}
      </Text>
    );
  }
  return (
    <Flex gap="1" align="center">
      {props.onSelectRef ? (
        <Button
          size="small"
          variant="tertiary"
          aria-label={`Show Nessie ${ref.name}`}
          onPress={() => props.onSelectRef!(ref.name)}
        >
          {ref.name}
        </Button>
      ) : (
        <Text variant="body-small">{ref.name}</Text>
      )}
      <Hash hash={ref.hash} />
    </Flex>
  );
}

function TableVersions(props: {
  t: PaimonTableVersions;
  nessieDown: boolean;
  onSelectRef?: (name: string) => void;
}) {
  const { t } = props;
  if (t.state === 'missing')
    return (
      <Alert
        status="warning"
        title={`${t.table} is not deployed`}
        description={t.message}
      />
    );
  if (t.state === 'error')
    return (
      <Alert
        status="danger"
        title={`Could not read ${t.table}`}
        description={t.message}
      />
    );
  return (
    <Flex direction="column" gap="3">
      <Text variant="body-medium" weight="bold">
        Snapshots (newest {Math.min(SHOWN_SNAPSHOTS, t.snapshots.length)})
      </Text>
      <SimpleTable<PaimonSnapshotView>
        label={`Snapshots of ${t.table}`}
        rows={t.snapshots.slice(0, SHOWN_SNAPSHOTS)}
        rowId={s => String(s.snapshotId)}
        empty="No snapshots yet: nothing has been committed to this table."
        columns={[
          { title: 'Snapshot', render: s => s.snapshotId },
          { title: 'Committed', render: s => formatTime(s.commitTime) },
          { title: 'Kind', render: s => s.commitKind },
        ]}
      />
      <Text variant="body-medium" weight="bold">
        Tags
      </Text>
      <SimpleTable<PaimonTagView>
        label={`Tags of ${t.table}`}
        rows={t.tags}
        rowId={tag => tag.name}
        empty="No tags: create one with CALL sys.create_tag, named after the Nessie tag of the release."
        columns={[
          { title: 'Tag', render: tag => <code>{tag.name}</code> },
          { title: 'Snapshot', render: tag => tag.snapshotId },
          { title: 'Rows', render: tag => tag.recordCount ?? '—' },
          {
            title: 'Nessie ref',
            render: tag => (
              <TagLink
                tag={tag}
                nessieDown={props.nessieDown}
                onSelectRef={props.onSelectRef}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** Snapshots and tags of each of the entity's Paimon tables, tags linked to their Nessie ref. */
export function PaimonPanel(props: {
  data: PaimonResponse;
  onSelectRef?: (name: string) => void;
}) {
  const { data, onSelectRef } = props;
  return (
    <Flex direction="column" gap="4">
      <Text variant="body-small" color="secondary">
        Paimon's own history of the table; the commit callback records each
        snapshot as a Nessie commit on main. A Paimon tag pairs with the Nessie
        tag of the same name, "/" written as "-" (Paimon tag names cannot hold
        "/"): Nessie <code>finance/daily-20261124</code> ↔ Paimon{' '}
        <code>finance-daily-20261124</code>.
      </Text>
      {data.nessieLinkError ? (
        <Alert
          status="warning"
          title="Tags are shown without their Nessie refs"
          description={data.nessieLinkError}
        />
      ) : null}
      {data.tables.map(t => (
        <Flex key={t.table} direction="column" gap="2">
          {data.tables.length > 1 ? (
            <Text variant="title-x-small">{t.table}</Text>
          ) : null}
          <TableVersions
            t={t}
            nessieDown={Boolean(data.nessieLinkError)}
            onSelectRef={onSelectRef}
          />
        </Flex>
      ))}
    </Flex>
  );
}
