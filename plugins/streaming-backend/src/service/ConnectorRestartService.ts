import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  connectTaskRestartPermission,
  getKafkaConnectors,
  KAFKA_CONNECTOR_ANNOTATION,
  type RestartResult,
} from '@internal/backstage-plugin-pipeline-common';
import { toHttpError } from '@internal/backstage-plugin-pipeline-node';
import type { Request } from 'express';
import { StreamingStatusService } from './StreamingStatusService';

/**
 * Restarts the failed tasks of an entity's connectors. Only connectors the entity's annotation
 * names can be restarted, only with connectTaskRestartPermission on that entity, and every
 * attempt (denied ones included) leaves an audit event.
 */
export class ConnectorRestartService {
  constructor(
    private readonly status: StreamingStatusService,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
    private readonly timeoutMs: number,
  ) {}

  async restartFailed(options: {
    entity: Entity;
    /** One of the annotated connectors; all of them when absent. */
    connector?: string;
    credentials: BackstageCredentials;
    request: Request;
  }): Promise<RestartResult> {
    const { entity, connector, credentials, request } = options;
    const entityRef = stringifyEntityRef(entity);
    const annotated = getKafkaConnectors(entity);
    const targets = connector ? [connector] : annotated;
    const event = await this.auditor.createEvent({
      eventId: 'connector-task-restart',
      severityLevel: 'medium',
      request,
      meta: { entityRef, connectors: targets },
    });
    try {
      if (
        targets.length === 0 ||
        targets.some(name => !annotated.includes(name))
      ) {
        throw new InputError(
          `${entityRef} names connectors [${annotated.join(
            ', ',
          )}] in ${KAFKA_CONNECTOR_ANNOTATION}; ` +
            `'${connector ?? ''}' is not one of them`,
        );
      }
      const [decision] = await this.permissions.authorize(
        [{ permission: connectTaskRestartPermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `not allowed to restart connector tasks of ${entityRef}`,
        );
      }
      const result = await this.restart(entity, targets);
      await event.success({
        meta: { outcome: 'restarted', restarted: result.restarted },
      });
      return result;
    } catch (error) {
      const mapped =
        error instanceof NotAllowedError || error instanceof InputError
          ? error
          : toHttpError(error);
      await event.fail({
        error: mapped,
        meta: {
          outcome: error instanceof NotAllowedError ? 'denied' : 'failed',
        },
      });
      throw mapped;
    }
  }

  private async restart(
    entity: Entity,
    names: string[],
  ): Promise<RestartResult> {
    const { name: instance, client } = this.status.connect(entity);
    const restarted: RestartResult['restarted'] = [];
    for (const name of names) {
      try {
        // Connect answers with the tasks it is restarting (state RESTARTING), or nothing when none failed.
        const after = await client.restartFailed(name, {
          timeoutMs: this.timeoutMs,
        });
        restarted.push({
          connector: name,
          tasks: (after?.tasks ?? [])
            .filter(t => t.state === 'RESTARTING')
            .map(t => t.id),
          connectorRestarted: after?.connector?.state === 'RESTARTING',
        });
      } finally {
        this.status.forgetConnector(instance, name);
      }
    }
    return { restarted };
  }
}
