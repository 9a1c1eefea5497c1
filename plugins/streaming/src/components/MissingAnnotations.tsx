import { Alert, Flex, Text } from '@backstage/ui';
import {
  KAFKA_CONNECTOR_ANNOTATION,
  KAFKA_CONSUMER_GROUP_ANNOTATION,
  KAFKA_TOPIC_ANNOTATION,
} from '@internal/backstage-plugin-pipeline-common';

const EXAMPLES: Record<string, { example: string; what: string }> = {
  [KAFKA_TOPIC_ANNOTATION]: {
    example: 'mariadb.commerce.orders',
    what: 'partitions and offsets',
  },
  [KAFKA_CONSUMER_GROUP_ANNOTATION]: {
    example: 'flink-commerce-orders',
    what: 'consumer lag (with the topic annotation)',
  },
  [KAFKA_CONNECTOR_ANNOTATION]: {
    example: 'commerce-mariadb',
    what: 'connector and task states (comma-separated names)',
  },
};

/** Says which annotations would fill the missing parts, with a value to copy. */
export function MissingAnnotations(props: { missing: string[] }) {
  if (props.missing.length === 0) return null;
  return (
    <Alert
      status="info"
      title="Add annotations to see more"
      description={
        <Flex direction="column" gap="1">
          {props.missing.map(key => (
            <Text key={key} variant="body-small">
              <code>
                {key}: {EXAMPLES[key].example}
              </code>{' '}
              — {EXAMPLES[key].what}
            </Text>
          ))}
        </Flex>
      }
    />
  );
}

export function missingAnnotations(status: {
  hasTopic: boolean;
  hasGroup: boolean;
  hasConnectors: boolean;
}) {
  const missing: string[] = [];
  if (!status.hasTopic) missing.push(KAFKA_TOPIC_ANNOTATION);
  if (!status.hasGroup) missing.push(KAFKA_CONSUMER_GROUP_ANNOTATION);
  if (!status.hasConnectors) missing.push(KAFKA_CONNECTOR_ANNOTATION);
  return missing;
}
