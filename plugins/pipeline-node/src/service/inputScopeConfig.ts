import type { Config } from '@backstage/config';
import type {
  ConfiguredSource,
  InputScope,
} from '@internal/backstage-plugin-pipeline-common';

const KINDS = ['mariadb', 'mysql', 'postgres'] as const;

/**
 * The sources pipelines may capture, from `dataPlatform.sources.<name>` (operator-controlled
 * config, never the spec): where each database is and which credential references a connector
 * may use for it. No sources configured means no CDC source is allowed.
 *
 * @public
 */
export function readInputScope(config: Config): InputScope {
  const root = config.getOptionalConfig('dataPlatform.sources');
  const sources: ConfiguredSource[] = (root?.keys() ?? []).map(name => {
    const c = root!.getConfig(name);
    const kind = c.getString('kind') as ConfiguredSource['kind'];
    if (!KINDS.includes(kind))
      throw new Error(
        `dataPlatform.sources.${name}.kind must be one of ${KINDS.join(
          ', ',
        )}, got '${kind}'`,
      );
    return {
      name,
      kind,
      host: c.getString('host'),
      port: c.getNumber('port'),
      database: c.getString('database'),
      credentials: c.getOptionalStringArray('credentials') ?? [],
    };
  });
  return { sources };
}
