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
  pipelineObjectRef,
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
      // Checked on each connector itself: the pipeline registry resolves it to the pipeline
      // that claims it, so an entity's annotation cannot point a user at another team's one.
      const instance = this.status.connect(entity).name;
      const decisions = await this.permissions.authorize(
        targets.map(name => ({
          permission: connectTaskRestartPermission,
          resourceRef: pipelineObjectRef({ kind: 'connector', instance, name }),
        })),
        { credentials },
      );
      const denied = targets.filter(
        (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
      );
      if (denied.length) {
        throw new NotAllowedError(
          `not allowed to restart tasks of connector ${denied.join(
            ', ',
          )} (asked from ${entityRef}): no pipeline you own claims it`,
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
