import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import {
  EntityCatalog,
  loadEntity,
} from '@internal/backstage-plugin-pipeline-node';
import {
  diffQuery,
  logQuery,
  paimonQuery,
  parse,
  referencesQuery,
  releasesQuery,
  tableCommitsQuery,
  tableDiffQuery,
} from './requests';
import { versionScope } from './service/entityScope';
import {
  type PipelineTablesSource,
  versionTables,
} from './service/entityTables';
import type { TableHistory } from './service/TableHistory';
import type { NessieActions } from './service/NessieActions';
import type { NessieVersions } from './service/NessieVersions';
import type { PaimonVersions } from './service/PaimonVersions';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: EntityCatalog;
  nessie: NessieVersions;
  paimon: PaimonVersions;
  actions: NessieActions;
  history: TableHistory;
  /** The pipeline registry: which tables a pipeline's Component stands for. */
  pipelineTables: PipelineTablesSource;
}

/**
 * /api/nessie. Every route names the entity it is about; the entity is read with the caller's
 * credentials and only its annotations decide which branch, prefix and tables are in play.
 */
export function createRouter(options: RouterOptions): express.Router {
  const {
    httpAuth,
    catalog,
    nessie,
    paimon,
    actions,
    history,
    pipelineTables,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const scopeOf = async (req: express.Request, entityRef: string) =>
    versionScope(
      await loadEntity(catalog, entityRef, await httpAuth.credentials(req)),
    );

  router.get('/references', async (req, res) => {
    const q = parse(referencesQuery, req.query);
    res.json(await nessie.references(await scopeOf(req, q.entityRef)));
  });

  router.get('/log', async (req, res) => {
    const q = parse(logQuery, req.query);
    const scope = await scopeOf(req, q.entityRef);
    res.json(await nessie.commitLog(scope, q.ref, q.limit, q.pageToken));
  });

  router.get('/diff', async (req, res) => {
    const q = parse(diffQuery, req.query);
    res.json(await nessie.diff(await scopeOf(req, q.entityRef), q.from, q.to));
  });

  // The entity's tables — its pipeline's claims in the registry, else its annotation — as
  // main's history records them: never tables the request names.
  router.get('/table-commits', async (req, res) => {
    const q = parse(tableCommitsQuery, req.query);
    const scope = await scopeOf(req, q.entityRef);
    const tables = await versionTables(scope, pipelineTables);
    res.json(await history.commits(scope, tables, q.limit, q.pageToken));
  });

  router.get('/releases', async (req, res) => {
    const q = parse(releasesQuery, req.query);
    const scope = await scopeOf(req, q.entityRef);
    res.json(
      await history.releases(scope, await versionTables(scope, pipelineTables)),
    );
  });

  router.get('/table-diff', async (req, res) => {
    const q = parse(tableDiffQuery, req.query);
    const scope = await scopeOf(req, q.entityRef);
    const tables = await versionTables(scope, pipelineTables);
    res.json(await history.tableDiff(scope, tables, q.from, q.to));
  });

  router.get('/paimon', async (req, res) => {
    const q = parse(paimonQuery, req.query);
    const scope = await scopeOf(req, q.entityRef);
    res.json(await paimon.versions(scope, () => nessie.listReferences(scope)));
  });

  router.post('/references', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const load = (ref: string) => loadEntity(catalog, ref, credentials);
    res
      .status(201)
      .json(await actions.createReference(req.body, load, credentials, req));
  });

  router.post('/rollback', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const load = (ref: string) => loadEntity(catalog, ref, credentials);
    res.json(await actions.rollback(req.body, load, credentials, req));
  });

  return router;
}
