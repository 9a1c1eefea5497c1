import {
  PipelineSpec,
  RenderTargetInput,
  renderConnectorConfig,
} from '@internal/backstage-plugin-pipeline-common';
import type { KafkaConnectClient } from '../clients/kafka-connect/KafkaConnectClient';
import { runStep, StepOptions } from './types';

/**
 * Validates each rendered Debezium config with Connect's own validator, then creates or updates
 * the connector (`PUT /connectors/{name}/config`); an equal config is left alone so its tasks
 * are not restarted. A dry run validates only.
 */
export function upsertConnectors(
  connect: KafkaConnectClient,
  spec: PipelineSpec,
  options: StepOptions & { target?: RenderTargetInput } = {},
) {
  return runStep(
    'connectors',
    'kafka-connect',
    'Fix the connector settings Connect named (or make Connect reachable), then re-run the deploy.',
    async () => {
      const changes = [];
      for (const { name, config } of renderConnectorConfig(
        spec,
        options.target,
      )) {
        const { 'connector.class': connectorClass, ...rest } = config;
        // Connect's validator requires `name` although PUT /connectors/{name}/config implies it.
        const validation = await connect.validateConfig(connectorClass, {
          ...rest,
          name,
        });
        if (validation.errorCount > 0) {
          const fields = Object.entries(validation.fieldErrors)
            .map(([field, errors]) => `${field}: ${errors.join(' ')}`)
            .join('; ');
          throw new Error(
            `connector ${name} is invalid (${validation.errorCount}): ${fields}`,
          );
        }
        if (options.dryRun) {
          const current = await connect.getConfig(name);
          changes.push({
            target: name,
            outcome: 'validated' as const,
            detail: current
              ? 'exists; config valid'
              : 'config valid; would create',
          });
          continue;
        }
        const { outcome } = await connect.upsertConfig(name, config);
        changes.push({ target: name, outcome });
      }
      return changes;
    },
    options,
  );
}
