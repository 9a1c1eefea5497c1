import {
  externalStreamTopics,
  PipelineSpec,
  renderTopics,
} from '@internal/backstage-plugin-pipeline-common';
import type { KafkaClient } from '../clients/kafka/KafkaClient';
import { runStep, StepOptions } from './types';

/**
 * Creates missing topics; an existing topic with other settings is reported, never altered.
 * Streams produced outside the pipeline must already exist: they are checked, never created.
 */
export function ensureTopics(
  kafka: KafkaClient,
  spec: PipelineSpec,
  options: StepOptions = {},
) {
  return runStep(
    'topics',
    'kafka',
    'Check that the Kafka brokers are reachable, then re-run the deploy.',
    async () => {
      const changes = [];
      for (const topic of renderTopics(spec)) {
        if (options.dryRun) {
          const existing = await kafka
            .describeTopic(topic.name)
            .catch(() => undefined);
          changes.push({
            target: topic.name,
            outcome: existing ? ('unchanged' as const) : ('planned' as const),
            detail: existing
              ? 'exists'
              : `would create with ${topic.partitions} partitions`,
          });
          continue;
        }
        const result = await kafka.ensureTopic({
          topic: topic.name,
          partitions: topic.partitions,
          replicationFactor: topic.replicationFactor,
          config: Object.fromEntries(
            topic.configEntries.map(e => [e.name, e.value]),
          ),
        });
        changes.push({
          target: topic.name,
          outcome: result.created
            ? ('created' as const)
            : ('unchanged' as const),
          detail: result.drift.length
            ? `differs from the spec: ${result.drift
                .map(
                  d =>
                    `${d.setting} is ${d.actual ?? 'unset'}, spec says ${
                      d.expected
                    }`,
                )
                .join('; ')}`
            : undefined,
        });
      }
      for (const topic of externalStreamTopics(spec)) {
        if (!(await kafka.topicExists(topic)))
          throw new Error(
            `stream topic "${topic}" does not exist: it is read, not owned, by this pipeline (not in its topics), so its producer must create it first`,
          );
        changes.push({
          target: topic,
          outcome: 'unchanged' as const,
          detail: 'read-only input stream, produced outside this pipeline',
        });
      }
      return changes;
    },
    options,
  );
}
