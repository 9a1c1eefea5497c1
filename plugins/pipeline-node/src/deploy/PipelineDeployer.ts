import type {
  PipelineSpec,
  RenderTargetInput,
} from '@internal/backstage-plugin-pipeline-common';
import type { UpstreamRegistry } from '../service/UpstreamRegistry';
import { upsertConnectors } from './connectorsStep';
import {
  deployFlinkJob,
  FlinkJobStepOptions,
  validateFlinkSql,
} from './flinkJobStep';
import { ensureNessieBranch } from './nessieStep';
import { ensurePaimonTables } from './paimonStep';
import { tagRelease } from './releaseStep';
import { ensureServingStores } from './servingStep';
import { ensureTopics } from './topicsStep';
import { DEPLOY_STEPS, DeployStepName, StepOptions, StepResult } from './types';

/** Which configured instance of each upstream to deploy to (the first one by default). @public */
export interface DeployTarget {
  instance?: string;
  /** How the rendered artefacts reach Kafka etc. from inside Flink and Connect. */
  render?: RenderTargetInput;
}

/**
 * Deploys a pipeline spec step by step: topics → connectors → Nessie branch → Paimon tables →
 * serving stores (Cassandra tables, CouchDB databases and views) → EXPLAIN of the job → job.
 * Every step is idempotent (a second deploy reports `unchanged` everywhere) and supports a dry
 * run; a failure is a DeployStepError naming step and component.
 * Scaffolder actions call one step each; `deploy` runs them all.
 *
 * @public
 */
export class PipelineDeployer {
  constructor(private readonly upstreams: UpstreamRegistry) {}

  async step(
    name: DeployStepName,
    spec: PipelineSpec,
    options: StepOptions &
      DeployTarget &
      FlinkJobStepOptions & { day?: Date } = {},
  ): Promise<StepResult> {
    const { instance } = options;
    switch (name) {
      case 'topics':
        return ensureTopics(
          this.upstreams.get('kafka', instance).client,
          spec,
          options,
        );
      case 'connectors':
        return upsertConnectors(
          this.upstreams.get('kafkaConnect', instance).client,
          spec,
          {
            ...options,
            target: options.render,
          },
        );
      case 'nessie-branch':
        return ensureNessieBranch(
          this.upstreams.get('nessie', instance).client,
          spec,
          options,
        );
      case 'paimon-tables':
        return ensurePaimonTables(this.upstreams.get('flink', instance), spec, {
          ...options,
          nessieUri: this.nessieApiUrl(instance),
        });
      case 'serving-stores':
        return ensureServingStores(
          {
            cassandra: () => this.upstreams.get('cassandra', instance).client,
            couchdb: () => this.upstreams.get('couchdb', instance).client,
          },
          spec,
          options,
        );
      case 'flink-sql':
        return validateFlinkSql(
          this.upstreams.get('flink', instance),
          spec,
          options,
        );
      case 'flink-job':
        return deployFlinkJob(
          this.upstreams.get('flink', instance),
          spec,
          options,
        );
      case 'release-tag':
        return tagRelease(
          this.upstreams.get('flink', instance),
          this.upstreams.get('nessie', instance).client,
          spec,
          options,
        );
      default:
        throw new Error(`unknown deploy step ${String(name)}`);
    }
  }

  /**
   * Where the tables' commit callback records snapshots: the configured Nessie instance, which
   * the Flink cluster reaches at the same address on every stack this portal deploys to
   * (loopback locally, service names in compose and Kubernetes). No Nessie, no recording.
   */
  private nessieApiUrl(instance: string | undefined): string | undefined {
    try {
      return this.upstreams.get('nessie', instance).client.apiUrl;
    } catch {
      return undefined;
    }
  }

  /** All steps in order; stops at the first failure (its DeployStepError names it). */
  async deploy(
    spec: PipelineSpec,
    options: StepOptions &
      DeployTarget &
      FlinkJobStepOptions & { onStep?: (r: StepResult) => void } = {},
  ): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (const name of DEPLOY_STEPS) {
      const result = await this.step(name, spec, options);
      options.onStep?.(result);
      results.push(result);
    }
    return results;
  }
}
