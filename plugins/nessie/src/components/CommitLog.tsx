import { Alert, Button, Flex, Text } from '@backstage/ui';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { NessieApi } from '../api/NessieApi';
import type {
  CommitView,
  ReferenceView,
} from '@internal/backstage-plugin-pipeline-common';
import { formatTime } from './format';
import { CallFailed, Hash, Loading } from './Problems';
import { RollbackDialog } from './RollbackDialog';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

const PAGE = 20;

/**
 * The commit log of one reference, newest first, 20 a page. On a branch the entity owns, each
 * earlier commit offers "Roll back to here" when the user holds the rollback permission.
 */
export function CommitLog(props: {
  api: NessieApi;
  entityRef: string;
  reference: ReferenceView;
  canRollBack: boolean;
  onChanged: () => void;
}) {
  const { api, entityRef, reference, canRollBack, onChanged } = props;
  const [older, setOlder] = useState<{
    entries: CommitView[];
    next?: string;
  }>();
  const [target, setTarget] = useState<CommitView>();
  const [done, setDone] = useState<string>();
  const log = useAsyncRetry(
    () => api.getCommitLog(entityRef, reference.name, { limit: PAGE }),
    [api, entityRef, reference.name, reference.hash],
  );
  useEffect(() => setOlder(undefined), [reference.name, reference.hash]);
  const entries = [...(log.value?.entries ?? []), ...(older?.entries ?? [])];
  const next = older ? older.next : log.value?.nextPageToken;
  const loadOlder = async () => {
    const page = await api.getCommitLog(entityRef, reference.name, {
      limit: PAGE,
      pageToken: next,
    });
    setOlder({
      entries: [...(older?.entries ?? []), ...page.entries],
      next: page.nextPageToken,
    });
  };

  const rollbackHere =
    reference.type === 'BRANCH' && reference.scope !== 'other';
  let body;
  if (log.error)
    body = (
      <CallFailed
        error={log.error}
        upstream="Nessie"
        what={`the log of ${reference.name}`}
      />
    );
  else if (log.loading && !log.value)
    body = <Loading label={`Loading the log of ${reference.name}`} />;
  else
    body = (
      <SimpleTable<CommitView>
        label={`Commit log of ${reference.name}`}
        rows={entries}
        rowId={c => c.hash}
        empty={`No commits on ${reference.name} yet: nothing has been committed to Nessie on it (Paimon tables are versioned in Paimon, see the panel beside).`}
        columns={[
          { title: 'Commit', render: c => <Hash hash={c.hash} /> },
          { title: 'Message', render: c => c.message || '—' },
          { title: 'Author', render: c => c.author ?? '—' },
          {
            title: 'Time',
            render: c => formatTime(c.commitTime ?? c.authorTime),
          },
          ...(rollbackHere
            ? [
                {
                  title: 'Roll back',
                  render: (c: CommitView) =>
                    c.hash === reference.hash ? (
                      <Text variant="body-small" color="secondary">
                        current head
                      </Text>
                    ) : (
                      <Button
                        size="small"
                        variant="secondary"
                        destructive
                        isDisabled={!canRollBack}
                        aria-label={`Roll back ${
                          reference.name
                        } to ${c.hash.slice(0, 12)}`}
                        onPress={() => setTarget(c)}
                      >
                        Roll back to here
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    );

  return (
    <Flex direction="column" gap="2">
      {done ? <Alert status="success" title={done} /> : null}
      {rollbackHere && !canRollBack ? (
        <Text variant="body-small" color="secondary">
          You may not roll back {reference.name} (permission
          dataplatform.nessie.branch.rollback).
        </Text>
      ) : null}
      {body}
      {next ? (
        <Button variant="secondary" size="small" onPress={loadOlder}>
          Older commits
        </Button>
      ) : null}
      <RollbackDialog
        api={api}
        entityRef={entityRef}
        branch={reference.name}
        currentHash={reference.hash}
        target={target}
        onClose={() => setTarget(undefined)}
        onDone={message => {
          setTarget(undefined);
          setDone(message);
          onChanged();
        }}
      />
    </Flex>
  );
}
