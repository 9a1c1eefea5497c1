import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { PipelineOperationResponse } from '@internal/backstage-plugin-pipeline-common';

/** What the scaffolder actions ask the pipeline backend, always for the task's initiator. */
export interface PipelineBackend {
  deploy(
    body: {
      spec: unknown;
      dryRun?: boolean;
      steps?: string[];
      day?: string;
      instance?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<PipelineOperationResponse>;
  reserveRepository(
    body: { spec: unknown; repository: { owner: string; name: string } },
    credentials: BackstageCredentials,
  ): Promise<{ pipeline: string; mode: 'create' | 'update' }>;
  verifyRegistration(
    body: { catalogInfoUrl: string },
    credentials: BackstageCredentials,
  ): Promise<{ pipeline: string; entityRef: string }>;
}

const ERRORS: Record<number, new (message: string) => Error> = {
  400: InputError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
};

/**
 * The pipeline backend (/api/pipeline) over HTTP, with a token issued on behalf of the
 * credentials given (the scaffolder task's initiator): the backend authorizes that user, so a
 * template run can do exactly what its initiator could do on the Deployment tab.
 */
export class PipelineBackendClient implements PipelineBackend {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    /** A deploy waits for the job to run (and a replace for its savepoint). */
    private readonly timeoutMs = 15 * 60_000,
  ) {}

  private async post<T>(
    path: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<T> {
    const base = await this.discovery.getBaseUrl('pipeline');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'pipeline',
    });
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    const message =
      parsed?.error?.message ?? (text.slice(0, 500) || res.statusText);
    const ErrorClass = ERRORS[res.status];
    if (ErrorClass) throw new ErrorClass(message);
    throw new Error(
      `pipeline backend ${path} answered ${res.status}: ${message}`,
    );
  }

  deploy(
    body: Parameters<PipelineBackend['deploy']>[0],
    credentials: BackstageCredentials,
  ) {
    return this.post<PipelineOperationResponse>('/deploy', body, credentials);
  }

  reserveRepository(
    body: Parameters<PipelineBackend['reserveRepository']>[0],
    credentials: BackstageCredentials,
  ) {
    return this.post<{ pipeline: string; mode: 'create' | 'update' }>(
      '/repositories/reserve',
      body,
      credentials,
    );
  }

  verifyRegistration(
    body: { catalogInfoUrl: string },
    credentials: BackstageCredentials,
  ) {
    return this.post<{ pipeline: string; entityRef: string }>(
      '/repositories/verify-registration',
      body,
      credentials,
    );
  }
}
