import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  isValidIdentifier,
  type VersionTablesView,
} from '@internal/backstage-plugin-pipeline-common';
import type { VersionScope } from './entityScope';

/** The pipeline registry's answer for an entity: the Paimon tables its pipeline claims. */
export interface RegistryTables {
  pipeline: string;
  tables: string[];
}

/** Reads the tables a pipeline claims from the pipeline backend (plugin `pipeline`). */
export interface PipelineTablesSource {
  /** Undefined when the entity is no pipeline the registry knows. */
  tablesOf(entityRef: string): Promise<RegistryTables | undefined>;
}

const isTableKey = (name: string) => {
  const [database, table, ...rest] = name.split('.');
  return (
    !rest.length &&
    isValidIdentifier('sqlIdentifier', database) &&
    isValidIdentifier('sqlIdentifier', table)
  );
};

/** The pipeline backend's `GET /tables`, called with this plugin's own service credentials. */
export class PipelineRegistryTables implements PipelineTablesSource {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async tablesOf(entityRef: string): Promise<RegistryTables | undefined> {
    const base = await this.discovery.getBaseUrl('pipeline');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'pipeline',
    });
    let res: Response;
    try {
      res = await fetch(
        `${base}/tables?${new URLSearchParams({ entityRef })}`,
        {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(4000),
        },
      );
    } catch (e) {
      throw new ServiceUnavailableError(
        `the pipeline registry cannot be reached: ${(e as Error).message}`,
      );
    }
    if (res.status === 404) return undefined;
    if (!res.ok)
      throw new ServiceUnavailableError(
        `the pipeline registry answered ${res.status} for the tables of ${entityRef}`,
      );
    const body = (await res.json()) as {
      pipeline: string;
      tables: { name: string }[];
    };
    return {
      pipeline: body.pipeline,
      // Names become Nessie keys and SQL: only `<database>.<table>` of SQL identifiers pass.
      tables: body.tables.map(t => t.name).filter(isTableKey),
    };
  }
}

/**
 * The tables an entity's Versions tab is about, decided here and never by the request: a
 * pipeline's Component gets the Paimon tables its pipeline claims in the registry (all of them,
 * whatever its annotations say); any other entity, or a Component the registry does not know,
 * gets its `dataplatform.io/paimon-table` annotation.
 */
export async function versionTables(
  scope: VersionScope,
  registry: PipelineTablesSource,
): Promise<VersionTablesView> {
  if (
    parseEntityRef(scope.entityRef).kind.toLocaleLowerCase('en-US') ===
    'component'
  ) {
    const claimed = await registry.tablesOf(scope.entityRef);
    if (claimed)
      return {
        tables: [...claimed.tables].sort(),
        source: 'registry',
        pipeline: claimed.pipeline,
      };
  }
  return {
    tables: scope.tables.map(t => `${t.database}.${t.table}`),
    source: 'annotation',
  };
}
