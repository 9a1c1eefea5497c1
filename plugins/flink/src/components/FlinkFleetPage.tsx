import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Link,
  Skeleton,
  Switch,
  Text,
} from '@backstage/ui';
import {
  FLINK_JOB_NAME_ANNOTATION,
  type FleetJob,
  type FlinkFleetResponse,
} from '@internal/backstage-plugin-pipeline-common';
import { type ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { flinkApiRef } from '../api/FlinkApi';
import { FlinkCallFailed } from './FlinkProblems';
import { formatDuration, formatTime } from './format';
import { JobStateChip } from './JobStateChip';
import {
  SimpleColumn,
  SimpleTable,
} from '@internal/backstage-plugin-pipeline-react';

const ENDED = ['CANCELED', 'FINISHED', 'FAILED'];

/** Ad-hoc SQL jobs are named by their statement: one line is enough to recognise them. */
const shortName = (name: string) => {
  const first = name.split('\n')[0];
  return first.length > 90 || name.includes('\n')
    ? `${first.slice(0, 90)}…`
    : first;
};

const jobColumn: SimpleColumn<FleetJob> = {
  title: 'Job',
  render: j =>
    j.dashboardUrl ? (
      <Link
        href={j.dashboardUrl}
        target="_blank"
        rel="noreferrer"
        title={j.name}
      >
        {shortName(j.name)}
      </Link>
    ) : (
      <span title={j.name}>{shortName(j.name)}</span>
    ),
};
const common: SimpleColumn<FleetJob>[] = [
  { title: 'State', render: j => <JobStateChip state={j.state} /> },
  { title: 'Cluster', render: j => j.instance },
  { title: 'Started', render: j => formatTime(j.startTime) },
  {
    title: 'Running for',
    render: j =>
      ENDED.includes(j.state)
        ? `ran ${formatDuration(j.durationMs)}`
        : formatDuration(j.durationMs),
  },
];

function Section({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <Flex direction="column" gap="1">
          <Text as="h2" variant="title-small">
            {title}
          </Text>
          {hint ? (
            <Text variant="body-small" color="secondary">
              {hint}
            </Text>
          ) : null}
        </Flex>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

function FleetSections({ fleet }: { fleet: FlinkFleetResponse }) {
  const [showEnded, setShowEnded] = useState(false);
  const visible = fleet.jobs.filter(j => showEnded || !ENDED.includes(j.state));
  const claimed = visible.filter(j => j.claimedBy.length > 0);
  const unclaimed = visible.filter(j => j.claimedBy.length === 0);
  const endedCount = fleet.jobs.filter(j => ENDED.includes(j.state)).length;
  // Say that ended jobs are hidden, so an empty table does not read as "there are none".
  const hidden = (rows: FleetJob[]) => {
    const n = showEnded ? 0 : rows.filter(j => ENDED.includes(j.state)).length;
    return n ? ` ${n} ended job(s) hidden: turn on "Show ended jobs".` : '';
  };
  const allClaimed = fleet.jobs.filter(j => j.claimedBy.length > 0);
  const allUnclaimed = fleet.jobs.filter(j => j.claimedBy.length === 0);
  return (
    <Flex direction="column" gap="4">
      {fleet.instances.map(i =>
        i.error ? (
          <Alert
            key={i.name}
            status="danger"
            title={`Flink cluster "${i.name}" is not answering`}
            description={`${i.error}. Check its JobManager REST API (dataPlatform.upstreams.flink restUrl).`}
          />
        ) : null,
      )}
      <Flex justify="between" align="center">
        <Text variant="body-medium" color="secondary">
          {fleet.instances
            .map(
              i =>
                `${i.name}: ${
                  i.error ? 'unreachable' : `${i.jobCount} job(s)`
                }`,
            )
            .join(' · ')}
        </Text>
        <Switch
          isSelected={showEnded}
          onChange={setShowEnded}
          label={`Show ended jobs (${endedCount})`}
        />
      </Flex>
      <Section title="Jobs claimed by catalog entities">
        <SimpleTable
          label="Claimed jobs"
          rows={claimed}
          rowId={j => `${j.instance}/${j.jid}`}
          empty={`No running job is claimed by a catalog entity.${hidden(
            allClaimed,
          )}`}
          columns={[
            jobColumn,
            ...common.slice(0, 1),
            {
              title: 'Entity',
              render: j => (
                <Flex direction="column">
                  {j.claimedBy.map(c => (
                    <EntityRefLink key={c.entityRef} entityRef={c.entityRef} />
                  ))}
                </Flex>
              ),
            },
            {
              title: 'Owner',
              render: j => (
                <Flex direction="column">
                  {j.claimedBy.map(c =>
                    c.owner ? (
                      <EntityRefLink
                        key={c.entityRef}
                        entityRef={c.owner}
                        defaultKind="group"
                      />
                    ) : (
                      '—'
                    ),
                  )}
                </Flex>
              ),
            },
            ...common.slice(1),
          ]}
        />
      </Section>
      <Section
        title="Unclaimed jobs"
        hint={
          <>
            No catalog entity names these jobs in its{' '}
            <code>{FLINK_JOB_NAME_ANNOTATION}</code> annotation.
          </>
        }
      >
        <SimpleTable
          label="Unclaimed jobs"
          rows={unclaimed}
          rowId={j => `${j.instance}/${j.jid}`}
          empty={`Every running job is claimed.${hidden(allUnclaimed)}`}
          columns={[jobColumn, ...common]}
        />
      </Section>
      <Section title="Entities whose job is not deployed">
        <SimpleTable
          label="Entities whose job is not deployed"
          rows={fleet.missing}
          rowId={m => m.entityRef}
          empty="Every annotated entity has its job on the cluster."
          columns={[
            {
              title: 'Entity',
              render: m => <EntityRefLink entityRef={m.entityRef} />,
            },
            { title: 'Expected job', render: m => m.jobName },
            { title: 'Cluster', render: m => m.instance },
            {
              title: 'Owner',
              render: m =>
                m.owner ? (
                  <EntityRefLink entityRef={m.owner} defaultKind="group" />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Section>
    </Flex>
  );
}

/** Every job on every configured Flink cluster and the catalog entity that owns it. */
export function FlinkFleetPage() {
  const api = useApi(flinkApiRef);
  const { value, loading, error } = useAsync(() => api.getFleet(), [api]);
  return (
    <Container my="4">
      {error ? <FlinkCallFailed error={error} what="the Flink fleet" /> : null}
      {loading ? (
        <Skeleton
          width="100%"
          height={240}
          aria-label="Loading the Flink fleet"
        />
      ) : null}
      {value ? <FleetSections fleet={value} /> : null}
    </Container>
  );
}
