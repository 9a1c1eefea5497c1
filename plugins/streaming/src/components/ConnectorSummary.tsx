import { Flex, Text } from '@backstage/ui';
import type { ConnectorStatusView } from '@internal/backstage-plugin-pipeline-common';
import { stateColor } from './format';

/** One line per connector, then its tasks' states. */
export function ConnectorSummary(props: { connectors: ConnectorStatusView[] }) {
  return (
    <Flex direction="column" gap="2">
      {props.connectors.map(c => (
        <Flex key={c.name} direction="column" gap="1">
          {c.missing ? (
            <Text>
              <strong>{c.name}</strong>{' '}
              <Text as="span" color="warning">
                not deployed on Kafka Connect
              </Text>
            </Text>
          ) : (
            <>
              <Text>
                <strong>{c.name}</strong>{' '}
                <Text as="span" weight="bold" color={stateColor(c.state)}>
                  {c.state}
                </Text>
                <Text as="span" variant="body-small" color="secondary">
                  {c.type ? ` · ${c.type}` : ''}
                  {c.workerId ? ` · worker ${c.workerId}` : ''}
                </Text>
              </Text>
              <Text variant="body-small" color="secondary">
                {c.tasks.length === 0
                  ? 'No tasks yet'
                  : c.tasks.map((t, i) => (
                      <span key={t.id}>
                        {i > 0 ? ', ' : ''}task {t.id}{' '}
                        <Text
                          as="span"
                          variant="body-small"
                          color={stateColor(t.state)}
                        >
                          {t.state}
                        </Text>
                      </span>
                    ))}
              </Text>
            </>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

export const hasFailures = (connectors: ConnectorStatusView[] | undefined) =>
  (connectors ?? []).some(c => c.failedTasks > 0 || c.state === 'FAILED');
