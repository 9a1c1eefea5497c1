import type { Knex } from 'knex';
import {
  PipelineObject,
  pipelineObjectRef,
  type PipelineDeployRecord,
  type PipelineOperation,
  type PipelineSavepointRecord,
  type PipelineStatus,
  type PipelineStepView,
} from '@internal/backstage-plugin-pipeline-common';
import { isUniqueViolation, PipelineBusyError } from './errors';
import { migrateRegistry } from './migrations';

/** One pipeline as the registry records it. */
export interface PipelineRecord {
  id: string;
  namespace: string;
  name: string;
  owner: string;
  platform: boolean;
  status: PipelineStatus;
  /** The spec last deployed or reserved (the parsed spec, as JSON). */
  spec?: unknown;
  specDigest?: string;
  deployedAt?: string;
  deployedBy?: string;
  repository?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface LockInfo {
  holder: string;
  operation: string;
  since: string;
}

const now = () => new Date().toISOString();
const orUndefined = <T>(v: T | null | undefined) => v ?? undefined;
const parseJson = (text: string | null | undefined) =>
  text ? JSON.parse(text) : undefined;

function toRecord(row: any): PipelineRecord {
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    owner: row.owner,
    platform: Boolean(row.platform),
    status: row.status,
    spec: parseJson(row.spec),
    specDigest: orUndefined(row.spec_digest),
    deployedAt: orUndefined(row.deployed_at),
    deployedBy: orUndefined(row.deployed_by),
    repository: orUndefined(row.repository),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

const objectKey = (o: PipelineObject) => ({
  kind: o.kind,
  instance: o.instance,
  name: o.name,
});

/**
 * The pipeline registry in the portal's database (Backstage's database service: SQLite in
 * development, PostgreSQL in production): pipelines and their owners, the objects each
 * claims (one owner per object, enforced by the primary key), a lock per pipeline, the history
 * of operations and the savepoints they took.
 */
export class RegistryStore {
  static async create(
    db: Knex,
    options: { skipMigrations?: boolean } = {},
  ): Promise<RegistryStore> {
    if (!options.skipMigrations) await migrateRegistry(db);
    return new RegistryStore(db);
  }

  constructor(private readonly db: Knex) {}

  async get(id: string): Promise<PipelineRecord | undefined> {
    const row = await this.db('pipelines').where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<PipelineRecord[]> {
    return (await this.db('pipelines').orderBy('id')).map(toRecord);
  }

  /**
   * Records a new pipeline and claims its objects in one transaction, or claims more objects
   * for an existing one. Returns the pipelines that already claim any of the objects (then
   * nothing is written); a claim racing ours shows up the same way.
   */
  async claim(options: {
    pipeline: Omit<PipelineRecord, 'createdAt' | 'updatedAt'>;
    objects: PipelineObject[];
    actor: string;
  }): Promise<Map<string, string>> {
    const { pipeline, objects, actor } = options;
    try {
      return await this.db.transaction(async tx => {
        const foreign = await this.claimantsIn(tx, objects, pipeline.id);
        if (foreign.size) return foreign;
        const existing = await tx('pipelines')
          .where({ id: pipeline.id })
          .first();
        const at = now();
        if (!existing)
          await tx('pipelines').insert({
            id: pipeline.id,
            namespace: pipeline.namespace,
            name: pipeline.name,
            owner: pipeline.owner,
            platform: pipeline.platform,
            status: pipeline.status,
            spec:
              pipeline.spec === undefined
                ? null
                : JSON.stringify(pipeline.spec),
            spec_digest: pipeline.specDigest ?? null,
            repository: pipeline.repository ?? null,
            created_at: at,
            created_by: pipeline.createdBy,
            updated_at: at,
          });
        const mine = new Set(
          (
            await tx('pipeline_objects').where({ pipeline_id: pipeline.id })
          ).map((r: any) => `${r.kind}:${r.instance}/${r.name}`),
        );
        const fresh = objects.filter(o => !mine.has(pipelineObjectRef(o)));
        if (fresh.length)
          await tx('pipeline_objects').insert(
            fresh.map(o => ({
              ...objectKey(o),
              pipeline_id: pipeline.id,
              claimed_at: at,
              claimed_by: actor,
            })),
          );
        return new Map<string, string>();
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another claim won the race for one of the objects (or the pipeline row): say whose.
      const foreign = await this.claimantsIn(this.db, objects, pipeline.id);
      if (foreign.size) return foreign;
      throw error;
    }
  }

  /** Object ref → id of the pipeline claiming it, for the objects another pipeline than `except` claims. */
  private async claimantsIn(
    db: Knex | Knex.Transaction,
    objects: PipelineObject[],
    except?: string,
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const o of objects) {
      const row = await db('pipeline_objects').where(objectKey(o)).first();
      if (row && row.pipeline_id !== except)
        out.set(pipelineObjectRef(o), row.pipeline_id);
    }
    return out;
  }

  /** Object ref → claiming pipeline id, for every claimed object among `objects`. */
  claimants(objects: PipelineObject[]): Promise<Map<string, string>> {
    return this.claimantsIn(this.db, objects);
  }

  async claimsOf(id: string): Promise<PipelineObject[]> {
    return (
      await this.db('pipeline_objects')
        .where({ pipeline_id: id })
        .orderBy(['kind', 'instance', 'name'])
    ).map((r: any) => ({ kind: r.kind, instance: r.instance, name: r.name }));
  }

  async release(id: string, objects: PipelineObject[]): Promise<void> {
    for (const o of objects)
      await this.db('pipeline_objects')
        .where({ ...objectKey(o), pipeline_id: id })
        .delete();
  }

  async update(
    id: string,
    patch: Partial<
      Pick<
        PipelineRecord,
        | 'owner'
        | 'status'
        | 'spec'
        | 'specDigest'
        | 'deployedAt'
        | 'deployedBy'
        | 'repository'
        | 'platform'
      >
    >,
  ): Promise<void> {
    const row: Record<string, unknown> = { updated_at: now() };
    if (patch.owner !== undefined) row.owner = patch.owner;
    if (patch.status !== undefined) row.status = patch.status;
    if (patch.spec !== undefined) row.spec = JSON.stringify(patch.spec);
    if (patch.specDigest !== undefined) row.spec_digest = patch.specDigest;
    if (patch.deployedAt !== undefined) row.deployed_at = patch.deployedAt;
    if (patch.deployedBy !== undefined) row.deployed_by = patch.deployedBy;
    if (patch.repository !== undefined) row.repository = patch.repository;
    if (patch.platform !== undefined) row.platform = patch.platform;
    await this.db('pipelines').where({ id }).update(row);
  }

  /**
   * Takes the pipeline's lock for one operation, or throws PipelineBusyError naming who holds
   * it. A lock outlives a crashed backend only until it expires.
   */
  async acquireLock(
    id: string,
    holder: string,
    operation: string,
    ttlMs: number,
  ): Promise<void> {
    const at = new Date();
    await this.db('pipeline_locks')
      .where({ pipeline_id: id })
      .andWhere('expires_at', '<', at.toISOString())
      .delete();
    try {
      await this.db('pipeline_locks').insert({
        pipeline_id: id,
        holder,
        operation,
        acquired_at: at.toISOString(),
        expires_at: new Date(at.getTime() + ttlMs).toISOString(),
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new PipelineBusyError(id, await this.lockOf(id));
    }
  }

  async releaseLock(id: string, holder: string): Promise<void> {
    await this.db('pipeline_locks').where({ pipeline_id: id, holder }).delete();
  }

  async lockOf(id: string): Promise<LockInfo | undefined> {
    const row = await this.db('pipeline_locks')
      .where({ pipeline_id: id })
      .andWhere('expires_at', '>=', now())
      .first();
    return row
      ? { holder: row.holder, operation: row.operation, since: row.acquired_at }
      : undefined;
  }

  async startOperation(
    id: string,
    operation: PipelineOperation,
    actor: string,
    digests: { specDigest?: string; previousDigest?: string } = {},
  ): Promise<number> {
    const [row] = await this.db('pipeline_operations')
      .insert({
        pipeline_id: id,
        operation,
        actor,
        started_at: now(),
        outcome: 'running',
        spec_digest: digests.specDigest ?? null,
        previous_digest: digests.previousDigest ?? null,
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async finishOperation(
    operationId: number,
    result: {
      outcome: 'succeeded' | 'failed' | 'refused';
      steps?: PipelineStepView[];
      message?: string;
    },
  ): Promise<void> {
    await this.db('pipeline_operations')
      .where({ id: operationId })
      .update({
        finished_at: now(),
        outcome: result.outcome,
        steps: JSON.stringify(result.steps ?? []),
        message: result.message?.slice(0, 4000) ?? null,
      });
  }

  async operation(operationId: number): Promise<PipelineDeployRecord> {
    return toOperation(
      await this.db('pipeline_operations').where({ id: operationId }).first(),
    );
  }

  async history(id: string, limit = 25): Promise<PipelineDeployRecord[]> {
    return (
      await this.db('pipeline_operations')
        .where({ pipeline_id: id })
        .orderBy('id', 'desc')
        .limit(limit)
    ).map(toOperation);
  }

  async addSavepoint(
    id: string,
    savepoint: Omit<PipelineSavepointRecord, 'id' | 'takenAt'>,
  ): Promise<void> {
    await this.db('pipeline_savepoints').insert({
      pipeline_id: id,
      job_id: savepoint.jobId,
      location: savepoint.location,
      taken_at: now(),
      reason: savepoint.reason,
      actor: savepoint.actor,
      spec_digest: savepoint.specDigest ?? null,
    });
  }

  async savepoints(id: string): Promise<PipelineSavepointRecord[]> {
    return (
      await this.db('pipeline_savepoints')
        .where({ pipeline_id: id })
        .orderBy('id', 'desc')
    ).map((r: any) => ({
      id: r.id,
      jobId: r.job_id,
      location: r.location,
      takenAt: r.taken_at,
      reason: r.reason,
      actor: r.actor,
      specDigest: orUndefined(r.spec_digest),
    }));
  }
}

function toOperation(r: any): PipelineDeployRecord {
  return {
    id: r.id,
    operation: r.operation,
    actor: r.actor,
    startedAt: r.started_at,
    finishedAt: orUndefined(r.finished_at),
    outcome: r.outcome,
    specDigest: orUndefined(r.spec_digest),
    previousDigest: orUndefined(r.previous_digest),
    steps: parseJson(r.steps) ?? [],
    message: orUndefined(r.message),
  };
}
