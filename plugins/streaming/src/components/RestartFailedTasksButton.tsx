import { toastApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  type ConnectorStatusView,
  connectTaskRestartPermission,
} from '@internal/backstage-plugin-pipeline-common';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
} from '@backstage/ui';
import { useState } from 'react';
import { streamingApiRef } from '../api/StreamingApi';

/**
 * Restarts the failed tasks of the entity's connectors after a confirmation. Shown only when
 * something failed; disabled with a reason when the user may not restart them.
 */
export function RestartFailedTasksButton(props: {
  entityRef: string;
  connectors: ConnectorStatusView[];
  onRestarted: () => void;
}) {
  const { entityRef, connectors, onRestarted } = props;
  const api = useApi(streamingApiRef);
  const toastApi = useApi(toastApiRef);
  const { allowed, loading } = usePermission({
    permission: connectTaskRestartPermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const failed = connectors.filter(
    c => c.failedTasks > 0 || c.state === 'FAILED',
  );

  const restart = async () => {
    setBusy(true);
    try {
      const result = await api.restartFailedTasks(entityRef);
      const tasks = result.restarted.reduce((n, r) => n + r.tasks.length, 0);
      toastApi.post({
        title: `Restarting ${tasks} failed task(s)`,
        status: 'success',
        timeout: 5000,
      });
      onRestarted();
    } catch (error) {
      toastApi.post({
        title: 'Restart failed',
        description: (error as Error).message,
        status: 'danger',
      });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        variant="secondary"
        destructive
        isDisabled={loading || !allowed}
        onPress={() => setOpen(true)}
        aria-describedby={
          !loading && !allowed ? 'restart-not-allowed' : undefined
        }
      >
        Restart failed tasks
      </Button>
      {!loading && !allowed && (
        <Text id="restart-not-allowed" variant="body-x-small" color="secondary">
          Only owners of this entity and platform operators may restart tasks.
        </Text>
      )}
      <Dialog isOpen={open} onOpenChange={setOpen}>
        <DialogHeader>Restart failed tasks?</DialogHeader>
        <DialogBody>
          <Text>
            Kafka Connect will restart the failed tasks of{' '}
            {failed.map(c => c.name).join(', ')}. Running tasks are not touched.
            A task that fails for the same reason will fail again.
          </Text>
        </DialogBody>
        <DialogFooter>
          <Button variant="secondary" onPress={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="primary"
            destructive
            loading={busy}
            onPress={restart}
          >
            Restart
          </Button>
        </DialogFooter>
      </Dialog>
    </>
  );
}
