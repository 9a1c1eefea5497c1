import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
} from '@backstage/ui';
import type { CommitView } from '@internal/backstage-plugin-pipeline-common';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import { useState } from 'react';
import type { NessieApi } from '../api/NessieApi';
import { formatTime } from './format';

/** Confirms a rollback naming the branch and both hashes; a 409 says the branch moved meanwhile. */
export function RollbackDialog(props: {
  api: NessieApi;
  entityRef: string;
  branch: string;
  currentHash: string;
  target?: CommitView;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { api, entityRef, branch, currentHash, target, onClose, onDone } =
    props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const run = async () => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.rollback(entityRef, {
        branch,
        expectedHash: currentHash,
        targetHash: target.hash,
      });
      onDone(
        `Rolled ${branch} back from ${currentHash.slice(
          0,
          12,
        )} to ${target.hash.slice(0, 12)}.`,
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setError(undefined);
    onClose();
  };

  return (
    <Dialog
      isOpen={target !== undefined}
      onOpenChange={open => !open && !busy && close()}
    >
      {target ? (
        <>
          <DialogHeader>{`Roll back ${branch}?`}</DialogHeader>
          <DialogBody>
            <Flex direction="column" gap="3">
              <Text as="p" variant="body-medium">
                Branch <strong>{branch}</strong> moves from its current head to
                an earlier commit:
              </Text>
              <Text as="p" variant="body-medium" aria-label="hash change">
                <code title={currentHash}>{currentHash.slice(0, 12)}</code>{' '}
                (current) →{' '}
                <code title={target.hash}>{target.hash.slice(0, 12)}</code> (
                {target.message || 'no message'},{' '}
                {formatTime(target.commitTime ?? target.authorTime)})
              </Text>
              <Text as="p" variant="body-small" color="secondary">
                Later commits stay in Nessie but are no longer on the branch.
                Paimon tables are versioned by Paimon itself and are not changed
                by this.
              </Text>
              {error ? (
                <Alert
                  status="danger"
                  title={
                    error instanceof DataPlatformApiError && error.conflict
                      ? 'The branch moved meanwhile'
                      : 'Rollback failed'
                  }
                  description={error.message}
                />
              ) : null}
            </Flex>
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" isDisabled={busy} onPress={close}>
              Keep the branch
            </Button>
            <Button
              variant="primary"
              destructive
              isPending={busy}
              onPress={run}
            >
              Roll back
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
