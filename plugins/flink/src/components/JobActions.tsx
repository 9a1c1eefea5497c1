import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
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
import {
  flinkJobCancelPermission,
  flinkJobStopPermission,
  type FlinkJobActionResponse,
  type FlinkJobSummary,
} from '@internal/backstage-plugin-pipeline-common';
import { useState } from 'react';
import { flinkApiRef } from '../api/FlinkApi';

type Action = FlinkJobActionResponse['action'];

const LABEL: Record<Action, string> = {
  cancel: 'Cancel job',
  'stop-with-savepoint': 'Stop with savepoint',
};

const CONSEQUENCE: Record<Action, string> = {
  cancel:
    'The job stops at once without a savepoint; its last retained checkpoint stays on the checkpoint store.',
  'stop-with-savepoint':
    'Flink takes a savepoint, then stops the job; it can be resumed from that savepoint.',
};

/** Cancel / stop-with-savepoint, each shown only to who may, each behind a confirmation naming the job. */
export function JobActions(props: {
  entityRef: string;
  job: FlinkJobSummary;
  onDone: () => void;
}) {
  const { entityRef, job, onDone } = props;
  const api = useApi(flinkApiRef);
  const cancel = usePermission({
    permission: flinkJobCancelPermission,
    resourceRef: entityRef,
  });
  const stop = usePermission({
    permission: flinkJobStopPermission,
    resourceRef: entityRef,
  });
  const [confirming, setConfirming] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const ended = ['CANCELED', 'FINISHED', 'FAILED', 'CANCELLING'].includes(
    job.state,
  );

  if (!cancel.loading && !stop.loading && !cancel.allowed && !stop.allowed)
    return null;

  const run = async (action: Action) => {
    setBusy(true);
    try {
      const res =
        action === 'cancel'
          ? await api.cancelJob(entityRef)
          : await api.stopJobWithSavepoint(entityRef);
      setOutcome({
        ok: true,
        message:
          action === 'cancel'
            ? `Cancelled job ${res.jobName} (${res.jid}).`
            : `Stopped job ${res.jobName} (${res.jid}); savepoint at ${res.savepointLocation}.`,
      });
      onDone();
    } catch (e) {
      setOutcome({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
      setConfirming(undefined);
    }
  };

  return (
    <Flex direction="column" gap="2">
      <Flex gap="2">
        {stop.allowed ? (
          <Button
            variant="secondary"
            isDisabled={ended || busy}
            onPress={() => setConfirming('stop-with-savepoint')}
          >
            {LABEL['stop-with-savepoint']}
          </Button>
        ) : null}
        {cancel.allowed ? (
          <Button
            variant="secondary"
            destructive
            isDisabled={ended || busy}
            onPress={() => setConfirming('cancel')}
          >
            {LABEL.cancel}
          </Button>
        ) : null}
      </Flex>
      {outcome ? (
        <Alert
          status={outcome.ok ? 'success' : 'danger'}
          title={outcome.message}
        />
      ) : null}
      <Dialog
        isOpen={confirming !== undefined}
        onOpenChange={open => !open && !busy && setConfirming(undefined)}
      >
        {confirming ? (
          <>
            <DialogHeader>{`${LABEL[confirming]} "${job.name}"?`}</DialogHeader>
            <DialogBody>
              <Text as="p" variant="body-medium">
                Job <strong>{job.name}</strong> ({job.jid}), state {job.state}.
              </Text>
              <Text as="p" variant="body-medium">
                {CONSEQUENCE[confirming]}
              </Text>
            </DialogBody>
            <DialogFooter>
              <Button
                variant="secondary"
                isDisabled={busy}
                onPress={() => setConfirming(undefined)}
              >
                Keep it running
              </Button>
              <Button
                variant="primary"
                destructive
                isPending={busy}
                onPress={() => run(confirming)}
              >
                {LABEL[confirming]}
              </Button>
            </DialogFooter>
          </>
        ) : null}
      </Dialog>
    </Flex>
  );
}
