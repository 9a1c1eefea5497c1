import type {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { InputScope } from '@internal/backstage-plugin-pipeline-common';
import type {
  GitServerClient,
  PipelineDeployer,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import type { RegistryStore } from '../registry/RegistryStore';
import type { RestorePointStore } from '../registry/RestorePointStore';
import type { PipelineAccess } from './access';

/** What the registry's services share; built once by the plugin. */
export interface RegistryContext {
  store: RegistryStore;
  restorePoints: RestorePointStore;
  access: PipelineAccess;
  deployer: PipelineDeployer;
  upstreams: UpstreamRegistry;
  scope: InputScope;
  git?: GitServerClient;
  auditor: AuditorService;
  logger: LoggerService;
  /** How long a pipeline's lock lasts if its holder never releases it (a crashed backend). */
  lockTtlMs: number;
}

/** The user a request acts for; the registry's writes are never made for a service. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  if (principal.type !== 'user' || !principal.userEntityRef)
    throw new NotAllowedError(
      'pipelines are deployed and changed for a signed-in user only (a scaffolder task acts for its initiator); service and static tokens cannot',
    );
  return principal.userEntityRef;
}

/** The configured instance name of an upstream kind, as objects are claimed on it. */
export function instanceResolver(
  upstreams: UpstreamRegistry,
  instance?: string,
): (upstream: string) => string {
  return upstream => {
    if (upstream === 'git') return 'local';
    try {
      return upstreams.get(upstream as 'kafka', instance).name;
    } catch {
      // A kind this portal does not configure (a serving store): the claim still keeps its name.
      return instance ?? 'default';
    }
  };
}
