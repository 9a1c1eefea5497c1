import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ReactNode } from 'react';
import { ConnectorsWithRestart } from './ConnectorsWithRestart';
import { LagSummary } from './LagSummary';
import { MissingAnnotations, missingAnnotations } from './MissingAnnotations';
import { PartState } from './PartState';
import { PartitionTable, TaskTable } from './StreamingTables';
import { TopicSummary } from './TopicSummary';
import { useStreamingStatus } from './useStreamingStatus';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}

/** The Streaming tab: partitions with offsets and lag, and every connector task with traces. */
export function StreamingContent() {
  const { entity } = useEntity();
  const status = useStreamingStatus(entity);
  const { topic, lag, connectors } = status;
  return (
    <Flex direction="column" gap="4">
      <MissingAnnotations missing={missingAnnotations(status)} />
      {status.hasTopic && (
        <Section title="Kafka topic">
          <Flex direction="column" gap="3">
            <PartState title="Summary" state={topic}>
              {value => <TopicSummary topic={value} />}
            </PartState>
            {status.hasGroup && (
              <PartState title="Consumer group" state={lag}>
                {value => <LagSummary lag={value} />}
              </PartState>
            )}
            <PartState title="Partitions" state={topic}>
              {value => <PartitionTable topic={value} lag={lag.value} />}
            </PartState>
          </Flex>
        </Section>
      )}
      {status.hasConnectors && (
        <Section title="Kafka Connect">
          <PartState title="Connectors and tasks" state={connectors}>
            {value => (
              <ConnectorsWithRestart
                entityRef={status.entityRef}
                connectors={value.connectors}
                onRestarted={connectors.retry}
                gap="3"
              >
                <TaskTable connectors={value.connectors} />
              </ConnectorsWithRestart>
            )}
          </PartState>
        </Section>
      )}
    </Flex>
  );
}
