import { credentialPlaceholder } from './credentials';
import type { PipelineSource, PipelineSpec } from './pipelineSpec';
import { namespaceProblems } from '../pipelineObjects';

/**
 * A database the platform lets pipelines capture (`dataPlatform.sources.<name>` in app-config):
 * where it is and which credential references a connector may use for it. The spec's own
 * rules say a value is well-formed; this says it is one the platform allows, so a spec can
 * neither point a connector at any host nor make Connect read any secret it can reach
 * (`${file:…/stack.env:S3_SECRET_KEY}`).
 */
export interface ConfiguredSource {
  name: string;
  kind: PipelineSource['kind'];
  host: string;
  port: number;
  database: string;
  /** Credential references as Connect sees them: `${env:CDC_MARIADB_USER}`, `${secrets:cdc:user}`. */
  credentials: string[];
}

export interface InputScope {
  sources: ConfiguredSource[];
}

const describe = (
  s: Pick<ConfiguredSource, 'kind' | 'host' | 'port'> & {
    database: string;
  },
) => `${s.kind} ${s.host}:${s.port}/${s.database}`;

/**
 * Why a (parsed) spec reaches outside what the platform allows, as `path: message` lines;
 * empty when it does not. Platform pipelines (registered by operators from config) keep their
 * historical names, so only team pipelines are held to the namespace rule.
 */
export function inputScopeProblems(
  spec: PipelineSpec,
  scope: InputScope,
  options: { platform?: boolean } = {},
): string[] {
  const problems = options.platform ? [] : namespaceProblems(spec);
  const configured = scope.sources
    .map(s => `${s.name} (${describe(s)})`)
    .join(', ');
  spec.sources.forEach((source, i) => {
    const match = scope.sources.find(
      s =>
        s.kind === source.kind &&
        s.host === source.host &&
        s.port === source.port &&
        s.database === source.database,
    );
    if (!match) {
      problems.push(
        `sources.${i}: ${describe(
          source,
        )} is not a configured source (dataPlatform.sources); configured: ${
          configured || 'none'
        }`,
      );
      return;
    }
    for (const field of ['user', 'password'] as const) {
      const ref = credentialPlaceholder(source.connector[field]);
      if (!match.credentials.includes(ref))
        problems.push(
          `sources.${i}.connector.${field}: credential reference ${ref} is not allowed for source ${
            match.name
          }; allowed: ${match.credentials.join(', ') || 'none'}`,
        );
    }
  });
  return problems;
}
