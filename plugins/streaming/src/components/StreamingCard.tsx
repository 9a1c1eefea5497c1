import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ConnectorSummary, hasFailures } from './ConnectorSummary';
import { LagSummary } from './LagSummary';
import { MissingAnnotations, missingAnnotations } from './MissingAnnotations';
import { PartState } from './PartState';
import { RestartFailedTasksButton } from './RestartFailedTasksButton';
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
                <Flex direction="column" gap="2">
                  <ConnectorSummary connectors={value.connectors} />
                  {hasFailures(value.connectors) && (
                    <RestartFailedTasksButton
                      entityRef={status.entityRef}
                      connectors={value.connectors}
                      onRestarted={connectors.retry}
                    />
                  )}
                </Flex>
              )}
            </PartState>
          )}
          <MissingAnnotations missing={missingAnnotations(status)} />
        </Flex>
      </CardBody>
    </Card>
  );
}
