import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Radio,
  RadioGroup,
  Skeleton,
  Text,
} from '@backstage/ui';
import type {
  PipelineOperationResponse,
  PipelineView,
} from '@internal/backstage-plugin-pipeline-common';
import { useState } from 'react';
import { pipelineApiRef } from '../api/PipelineApi';
import { StepsTable } from './StepsTable';

type Dialogs = 'deploy' | 'stop' | 'decommission' | undefined;

/** Deploy (after its plan), Stop, Resume and Decommission, each shown only to who may. */
export function PipelineActions(props: {
  view: PipelineView;
  onDone: () => void;
}) {
  const { view, onDone } = props;
  const api = useApi(pipelineApiRef);
  const [open, setOpen] = useState<Dialogs>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const [plan, setPlan] = useState<PipelineOperationResponse>();
  const [planError, setPlanError] = useState<string>();
  const [acceptStateLoss, setAcceptStateLoss] = useState(false);
  const [topics, setTopics] = useState<string>();
  const [tables, setTables] = useState<string>();
  const { allowed } = view;

  const run = async (
    what: string,
    call: () => Promise<PipelineOperationResponse>,
  ) => {
    setBusy(true);
    try {
      const res = await call();
      setOutcome({
        ok: true,
        message: `${what}: ${res.record.message ?? res.record.outcome}${
          res.savepoint ? ` (savepoint ${res.savepoint})` : ''
        }`,
      });
      onDone();
    } catch (e) {
      setOutcome({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
      setOpen(undefined);
    }
  };

  const openDeploy = async () => {
    setOpen('deploy');
    setPlan(undefined);
    setPlanError(undefined);
    setAcceptStateLoss(false);
    try {
      setPlan(await api.plan(view.id));
    } catch (e) {
      setPlanError((e as Error).message);
    }
  };

  if (!allowed.deploy && !allowed.stop && !allowed.decommission)
    return (
      <Text as="p" variant="body-medium" color="secondary">
        Only the pipeline's owner ({view.owner}) and platform operators can
        change it.
      </Text>
    );

  return (
    <Flex direction="column" gap="2">
      <Flex gap="2">
        {allowed.deploy ? (
          <Button variant="primary" isDisabled={busy} onPress={openDeploy}>
            Plan and deploy HEAD…
          </Button>
        ) : null}
        {allowed.stop ? (
          <Button
            variant="secondary"
            isDisabled={busy || view.status !== 'deployed'}
            onPress={() => setOpen('stop')}
          >
            Stop with savepoint
          </Button>
        ) : null}
        {allowed.deploy ? (
          <Button
            variant="secondary"
            isDisabled={busy || view.savepoints.length === 0}
            onPress={() =>
              run('Resumed', () => api.resume(view.id, view.savepoints[0]?.id))
            }
          >
            Resume from the last savepoint
          </Button>
        ) : null}
        {allowed.decommission ? (
          <Button
            variant="secondary"
            destructive
            isDisabled={busy || view.status === 'decommissioned'}
            onPress={() => {
              setTopics(undefined);
              setTables(undefined);
              setOpen('decommission');
            }}
          >
            Decommission…
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
        isOpen={open === 'deploy'}
        onOpenChange={o => !o && !busy && setOpen(undefined)}
        width={900}
      >
        <DialogHeader>{`Deploy the spec at HEAD of ${view.name}?`}</DialogHeader>
        <DialogBody>
          {planError ? (
            <Alert status="danger" title={`The plan failed: ${planError}`} />
          ) : null}
          {!plan && !planError ? (
            <Skeleton width="100%" height={120} aria-label="Planning" />
          ) : null}
          {plan ? (
            <Flex direction="column" gap="2">
              <Text as="p" variant="body-medium">
                The plan (a dry run: nothing has changed yet), spec{' '}
                {plan.record.previousDigest ?? 'none'} →{' '}
                {plan.record.specDigest}:
              </Text>
              <StepsTable label="Plan" steps={plan.record.steps} />
              <Checkbox
                isSelected={acceptStateLoss}
                onChange={setAcceptStateLoss}
              >
                If the new job cannot take the running job's state, start that
                state empty (otherwise the replace is refused and the running
                job resumed)
              </Checkbox>
            </Flex>
          ) : null}
        </DialogBody>
        <DialogFooter>
          <Button
            variant="secondary"
            isDisabled={busy}
            onPress={() => setOpen(undefined)}
          >
            Cancel
          </Button>
          <Button
            variant="primary"
            isDisabled={!plan}
            isPending={busy}
            onPress={() =>
              run('Deployed', () => api.deploy(view.id, { acceptStateLoss }))
            }
          >
            Deploy
          </Button>
        </DialogFooter>
      </Dialog>

      <Dialog
        isOpen={open === 'stop'}
        onOpenChange={o => !o && !busy && setOpen(undefined)}
      >
        <DialogHeader>{`Stop ${view.name} with a savepoint?`}</DialogHeader>
        <DialogBody>
          <Text as="p" variant="body-medium">
            Flink takes a savepoint, then stops the job. Connectors keep writing
            the topics; resume continues from the savepoint.
          </Text>
        </DialogBody>
        <DialogFooter>
          <Button
            variant="secondary"
            isDisabled={busy}
            onPress={() => setOpen(undefined)}
          >
            Keep it running
          </Button>
          <Button
            variant="primary"
            isPending={busy}
            onPress={() => run('Stopped', () => api.stop(view.id))}
          >
            Stop with savepoint
          </Button>
        </DialogFooter>
      </Dialog>

      <Dialog
        isOpen={open === 'decommission'}
        onOpenChange={o => !o && !busy && setOpen(undefined)}
      >
        <DialogHeader>{`Decommission ${view.name}?`}</DialogHeader>
        <DialogBody>
          <Flex direction="column" gap="3">
            <Text as="p" variant="body-medium">
              The job stops with a savepoint and its connectors are removed. Say
              what happens to the data:
            </Text>
            <RadioGroup
              label="Kafka topics"
              value={topics ?? null}
              onChange={setTopics}
              isRequired
            >
              <Radio value="keep">Keep the topics</Radio>
              <Radio value="drop">Delete the topics</Radio>
            </RadioGroup>
            <RadioGroup
              label="Paimon tables"
              value={tables ?? null}
              onChange={setTables}
              isRequired
            >
              <Radio value="keep">Keep the tables</Radio>
              <Radio value="drop">Drop the tables</Radio>
            </RadioGroup>
          </Flex>
        </DialogBody>
        <DialogFooter>
          <Button
            variant="secondary"
            isDisabled={busy}
            onPress={() => setOpen(undefined)}
          >
            Cancel
          </Button>
          <Button
            variant="primary"
            destructive
            isDisabled={!topics || !tables}
            isPending={busy}
            onPress={() =>
              run('Decommissioned', () =>
                api.decommission(view.id, {
                  dropTopics: topics === 'drop',
                  dropTables: tables === 'drop',
                }),
              )
            }
          >
            Decommission
          </Button>
        </DialogFooter>
      </Dialog>
    </Flex>
  );
}
