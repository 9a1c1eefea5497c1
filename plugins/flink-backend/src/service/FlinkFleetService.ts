import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  type FleetEntityRef,
  type FleetJob,
  FLINK_JOB_NAME_ANNOTATION,
  type FlinkFleetResponse,
  getFlinkJobName,
  getUpstreamInstance,
} from '@internal/backstage-plugin-pipeline-common';
import type {
  FlinkJobOverview,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import type { FlinkJobService } from './FlinkJobService';
import { jobDashboardUrl } from './jobFigures';

/** The slice of the catalog service the fleet view needs. */
export type FleetCatalog = Pick<CatalogService, 'getEntities'>;

interface Claim extends FleetEntityRef {
  jobName: string;
  instance: string;
}

const STATE_ORDER = [
  'RUNNING',
  'RESTARTING',
  'FAILING',
  'INITIALIZING',
  'CREATED',
];
const stateRank = (s: string) => {
  const i = STATE_ORDER.indexOf(s);
  return i === -1 ? STATE_ORDER.length : i;
};

/** `spec.owner` as a full ref (`group:default/team`), so the page can link it. */
function ownerRef(e: Entity): string | undefined {
  const owner = e.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: e.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** Every job on every configured cluster, matched to the catalog entities that claim it. */
export class FlinkFleetService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly jobs: FlinkJobService,
    private readonly catalog: FleetCatalog,
  ) {}

  async fleet(credentials: BackstageCredentials): Promise<FlinkFleetResponse> {
    const instances = this.registry.list('flink');
    const [claims, listed] = await Promise.all([
      this.claims(credentials, instances[0]?.name),
      Promise.all(
        instances.map(async flink => {
          try {
            return { flink, jobs: await this.jobs.listJobs(flink) };
          } catch (e) {
            // One cluster down must not hide the others.
            return {
              flink,
              jobs: [] as FlinkJobOverview[],
              error: (e as Error).message,
            };
          }
        }),
      ),
    ]);
    const claimKey = (instance: string, name: string) =>
      `${instance}\u0000${name}`;
    const byJob = new Map<string, Claim[]>();
    for (const c of claims) {
      const key = claimKey(c.instance, c.jobName);
      byJob.set(key, [...(byJob.get(key) ?? []), c]);
    }
    const jobs: FleetJob[] = listed.flatMap(({ flink, jobs: list }) =>
      list.map(j => ({
        instance: flink.name,
        jid: j.jid,
        name: j.name,
        state: j.state,
        startTime: j['start-time'],
        durationMs: j.duration,
        dashboardUrl: jobDashboardUrl(flink.dashboardUrl, j),
        claimedBy: (byJob.get(claimKey(flink.name, j.name)) ?? []).map(
          ({ entityRef, title, owner }) => ({ entityRef, title, owner }),
        ),
      })),
    );
    jobs.sort(
      (a, b) =>
        stateRank(a.state) - stateRank(b.state) || b.startTime - a.startTime,
    );
    const reachable = new Set(
      listed.filter(l => !l.error).map(l => l.flink.name),
    );
    const present = new Set(jobs.map(j => claimKey(j.instance, j.name)));
    return {
      instances: listed.map(l => ({
        name: l.flink.name,
        dashboardUrl: l.flink.dashboardUrl,
        error: l.error,
        jobCount: l.jobs.length,
      })),
      jobs,
      missing: claims.filter(
        c =>
          reachable.has(c.instance) &&
          !present.has(claimKey(c.instance, c.jobName)),
      ),
    };
  }

  /** Entities that name a Flink job, read with the caller's credentials (they see what they may). */
  private async claims(
    credentials: BackstageCredentials,
    defaultInstance?: string,
  ) {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${FLINK_JOB_NAME_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials },
    );
    return items.flatMap((e): Claim[] => {
      const jobName = getFlinkJobName(e);
      if (!jobName) return [];
      return [
        {
          entityRef: stringifyEntityRef(e),
          title: e.metadata.title,
          owner: ownerRef(e),
          jobName,
          instance: getUpstreamInstance(e) ?? defaultInstance ?? '',
        },
      ];
    });
  }
}
