import { Flex } from '@backstage/ui';
import type { ConnectorStatusView } from '@internal/backstage-plugin-pipeline-common';
import type { ReactNode } from 'react';
import { ConnectorSummary, hasFailures } from './ConnectorSummary';
import { RestartFailedTasksButton } from './RestartFailedTasksButton';

/** The connectors' states, the restart button when something failed, then any details. */
export function ConnectorsWithRestart(props: {
  entityRef: string;
  connectors: ConnectorStatusView[];
  onRestarted: () => void;
  gap: '2' | '3';
  children?: ReactNode;
}) {
  const { entityRef, connectors, onRestarted } = props;
  return (
    <Flex direction="column" gap={props.gap}>
      <ConnectorSummary connectors={connectors} />
      {hasFailures(connectors) && (
        <RestartFailedTasksButton
          entityRef={entityRef}
          connectors={connectors}
          onRestarted={onRestarted}
        />
      )}
      {props.children}
    </Flex>
  );
}
