import {
  Cell,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
  Text,
} from '@backstage/ui';
import type {
  ConnectorStatusView,
  ConsumerLagStatus,
  TopicStatus,
} from '@internal/backstage-plugin-pipeline-common';
import { formatCount, stateColor } from './format';

/** Per partition: leader, replicas/ISR, offsets and, when the entity has a group, its lag. */
export function PartitionTable(props: {
  topic: TopicStatus;
  lag?: ConsumerLagStatus;
}) {
  const lagOf = new Map(
    (props.lag?.partitions ?? []).map(p => [p.partition, p]),
  );
  return (
    <TableRoot aria-label={`Partitions of ${props.topic.topic}`}>
      <TableHeader>
        <Column isRowHeader>Partition</Column>
        <Column>Leader</Column>
        <Column>Replicas / ISR</Column>
        <Column>Start offset</Column>
        <Column>End offset</Column>
        <Column>Messages</Column>
        <Column>Committed</Column>
        <Column>Lag</Column>
      </TableHeader>
      <TableBody>
        {props.topic.partitions.map(p => {
          const lag = lagOf.get(p.partition);
          return (
            <Row key={p.partition} id={String(p.partition)}>
              <Cell>{p.partition}</Cell>
              <Cell>{p.leader}</Cell>
              <Cell>
                <Text color={p.underReplicated ? 'warning' : undefined}>
                  {p.replicas.join(',')} / {p.isr.join(',')}
                </Text>
              </Cell>
              <Cell>{formatCount(p.startOffset)}</Cell>
              <Cell>{formatCount(p.endOffset)}</Cell>
              <Cell>{formatCount(p.messages)}</Cell>
              <Cell>
                {lag?.committedOffset === null || !lag
                  ? '—'
                  : formatCount(lag.committedOffset)}
              </Cell>
              <Cell>
                {lag?.lag === null || !lag ? '—' : formatCount(lag.lag)}
              </Cell>
            </Row>
          );
        })}
      </TableBody>
    </TableRoot>
  );
}

/** Every task of every connector, with the first lines of a failed task's trace. */
export function TaskTable(props: { connectors: ConnectorStatusView[] }) {
  const rows = props.connectors.flatMap(c =>
    c.tasks.map(t => ({ key: `${c.name}/${t.id}`, connector: c.name, ...t })),
  );
  if (rows.length === 0)
    return <Text color="secondary">No tasks reported.</Text>;
  return (
    <TableRoot aria-label="Connector tasks">
      <TableHeader>
        <Column isRowHeader>Connector</Column>
        <Column>Task</Column>
        <Column>State</Column>
        <Column>Worker</Column>
        <Column>Trace</Column>
      </TableHeader>
      <TableBody>
        {rows.map(r => (
          <Row key={r.key} id={r.key}>
            <Cell>{r.connector}</Cell>
            <Cell>{r.id}</Cell>
            <Cell>
              <Text weight="bold" color={stateColor(r.state)}>
                {r.state}
              </Text>
            </Cell>
            <Cell>{r.workerId ?? '—'}</Cell>
            <Cell>
              {r.trace ? (
                <pre
                  style={{
                    whiteSpace: 'pre-wrap',
                    margin: 0,
                    fontSize: '0.75rem',
                  }}
                >
                  {r.trace}
                </pre>
              ) : (
                '—'
              )}
            </Cell>
          </Row>
        ))}
      </TableBody>
    </TableRoot>
  );
}
