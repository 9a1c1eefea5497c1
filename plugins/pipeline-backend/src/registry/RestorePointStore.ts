import type { Knex } from 'knex';
import type { PipelineRestorePointView } from '@internal/backstage-plugin-pipeline-common';

/** What "Create restore point" records, before the registry gives it an id. */
export type NewRestorePoint = Omit<
  PipelineRestorePointView,
  'id' | 'createdAt' | 'lastRestoredAt' | 'lastRestoredBy'
>;

const orUndefined = <T>(v: T | null | undefined) => v ?? undefined;

function toView(r: any): PipelineRestorePointView {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    createdBy: r.created_by,
    specDigest: orUndefined(r.spec_digest),
    savepoint: { jobId: r.job_id, location: r.savepoint },
    nessie: { tag: r.name, hash: r.nessie_hash },
    tables: JSON.parse(r.tables),
    connectors: JSON.parse(r.connectors),
    lastRestoredAt: orUndefined(r.restored_at),
    lastRestoredBy: orUndefined(r.restored_by),
  };
}

/**
 * The restore points of pipelines, in the registry's database (table created by the registry's
 * migrations): what each binds — savepoint, Paimon tags, Nessie tag, connector offsets.
 */
export class RestorePointStore {
  constructor(private readonly db: Knex) {}

  async add(pipelineId: string, point: NewRestorePoint): Promise<number> {
    const [row] = await this.db('pipeline_restore_points')
      .insert({
        pipeline_id: pipelineId,
        name: point.name,
        created_at: new Date().toISOString(),
        created_by: point.createdBy,
        spec_digest: point.specDigest ?? null,
        job_id: point.savepoint.jobId,
        savepoint: point.savepoint.location,
        nessie_hash: point.nessie.hash,
        tables: JSON.stringify(point.tables),
        connectors: JSON.stringify(point.connectors),
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  /** The pipeline's restore points, newest first. */
  async list(pipelineId: string): Promise<PipelineRestorePointView[]> {
    return (
      await this.db('pipeline_restore_points')
        .where({ pipeline_id: pipelineId })
        .orderBy('id', 'desc')
    ).map(toView);
  }

  /** One restore point of the pipeline; undefined when the id is another pipeline's. */
  async get(
    pipelineId: string,
    id: number,
  ): Promise<PipelineRestorePointView | undefined> {
    const row = await this.db('pipeline_restore_points')
      .where({ pipeline_id: pipelineId, id })
      .first();
    return row ? toView(row) : undefined;
  }

  async markRestored(id: number, actor: string): Promise<void> {
    await this.db('pipeline_restore_points')
      .where({ id })
      .update({ restored_at: new Date().toISOString(), restored_by: actor });
  }
}
