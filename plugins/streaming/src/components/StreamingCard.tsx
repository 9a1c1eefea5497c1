import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ConnectorsWithRestart } from './ConnectorsWithRestart';
import { LagSummary } from './LagSummary';
import { MissingAnnotations, missingAnnotations } from './MissingAnnotations';
import { PartState } from './PartState';
import { TopicSummary } from './TopicSummary';
import { useStreamingStatus } from './useStreamingStatus';

/** The "Streaming status" card: topic, consumer lag and connectors of the entity. */
export function StreamingCard() {
  const { entity } = useEntity();
  const status = useStreamingStatus(entity);
  const { topic, lag, connectors } = status;
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          Streaming status
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="4">
          {status.hasTopic && (
            <PartState title="Kafka topic" state={topic}>
              {value => <TopicSummary topic={value} />}
            </PartState>
          )}
          {status.hasGroup && (
            <PartState title="Consumer lag" state={lag}>
              {value => <LagSummary lag={value} />}
            </PartState>
          )}
          {status.hasConnectors && (
            <PartState title="Kafka Connect" state={connectors}>
              {value => (
                <ConnectorsWithRestart
                  entityRef={status.entityRef}
                  connectors={value.connectors}
                  onRestarted={connectors.retry}
                  gap="2"
                />
              )}
            </PartState>
          )}
          <MissingAnnotations missing={missingAnnotations(status)} />
        </Flex>
      </CardBody>
    </Card>
  );
}
