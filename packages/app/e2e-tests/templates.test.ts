import fs from 'node:fs';
import path from 'node:path';
import { test, expect, APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import { REPO_ROOT } from './support';

// Every use-case template through the scaffolder's dry-run API of the real backend, with the
// form's defaults: fetch:template renders the skeleton, the pipeline actions validate the spec,
// and the deploy runs as a dry run against the real local stack (read-only calls, the Flink SQL
// planned by the SQL Gateway).

const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');
const templates = (
  parse(fs.readFileSync(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8')).spec
    .targets as string[]
).map(target => path.dirname(path.join(TEMPLATES_DIR, target)));

/** Defaults of a page's properties, nested objects (CEP pattern, partitions, SELECTs) included. */
function defaultsOf(properties: Record<string, any>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, property] of Object.entries<any>(properties)) {
    if (property.default !== undefined) values[key] = property.default;
    else if (property.type === 'object' && property.properties) {
      const nested = defaultsOf(property.properties);
      if (Object.keys(nested).length) values[key] = nested;
    }
  }
  return values;
}

/**
 * The values a person gets by pressing Next on every page of the form. The source pickers have
 * no default (they fill in the shape's table from the live schema): left out, the spec keeps
 * the shape's source tables.
 */
function formDefaults(template: any): Record<string, unknown> {
  return Object.assign(
    {},
    ...[template.spec.parameters]
      .flat()
      .map((page: any) => defaultsOf(page.properties ?? {})),
  );
}

function directoryContents(
  dir: string,
  base = dir,
): { path: string; base64Content: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return directoryContents(full, base);
    return [
      {
        path: path.relative(base, full),
        base64Content: fs.readFileSync(full).toString('base64'),
      },
    ];
  });
}

const run = Date.now().toString(36);

/**
 * Names of the run's own for a template's identity fields. The form's defaults name the seed
 * pipelines' Nessie branches and Paimon tables, which the pipeline registry gives to those
 * platform pipelines: a run with them is refused (a dry run too), as it must be.
 */
function ownNames(template: any): Record<string, string> {
  const props = Object.assign(
    {},
    ...[template.spec.parameters].flat().map((p: any) => p.properties ?? {}),
  );
  const short = String(template.metadata.name).slice(0, 12);
  return {
    ...(props.name ? { name: `e2e-${short}-${run}` } : {}),
    ...(props.domain ? { domain: `e2e-${run}` } : {}),
    ...(props.catalogDatabase ? { catalogDatabase: `e2e_${run}` } : {}),
  };
}

/**
 * A scaffolder task (a dry run too) deploys as its initiator, through the pipeline registry,
 * which takes signed-in users only: the static API token cannot deploy. So the dry run is
 * started the way the portal does it, as the signed-in (guest) user.
 */
async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

async function dryRun(
  request: APIRequestContext,
  dir: string,
  template: any,
  values: Record<string, unknown>,
) {
  const res = await request.post('/api/scaffolder/v2/dry-run', {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
    data: {
      template,
      values,
      secrets: {},
      directoryContents: directoryContents(dir),
    },
    timeout: 240_000,
  });
  const body = await res.json();
  expect(res.status(), JSON.stringify(body).slice(0, 2000)).toBe(200);
  return body;
}

for (const dir of templates) {
  const template = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );

  test(`template ${template.metadata.name} passes the scaffolder dry run with its defaults`, async ({
    request,
  }) => {
    test.setTimeout(300_000);
    const body = await dryRun(request, dir, template, {
      ...formDefaults(template),
      ...ownNames(template),
    });

    const messages = (body.log as any[])
      .map(l => l.body?.message ?? '')
      .join('\n');
    const failed = (body.steps as any[]).filter(s =>
      body.log.some(
        (l: any) => l.body?.stepId === s.id && l.body?.status === 'failed',
      ),
    );
    expect(
      failed.map(s => s.id),
      messages.slice(-3000),
    ).toEqual([]);

    const files = new Map<string, string>(
      (body.directoryContents as any[]).map(f => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    for (const expected of [
      'catalog-info.yaml',
      'mkdocs.yml',
      'docs/index.md',
      'README.md',
      'pipeline.yaml',
      'rendered/flink-job.sql',
    ])
      expect([...files.keys()]).toContain(expected);

    // The repository's spec is the one model: it parses, and the job SQL was planned for real.
    expect(parsePipelineSpec(parse(files.get('pipeline.yaml')!)).success).toBe(
      true,
    );
    expect(messages).toMatch(
      /flink-sql \(flink-sql-gateway\) \[dry run\]: \S+ validated/,
    );
    expect(messages).not.toMatch(/\$\{\{/);
  });
}

test('fraud-cep: what the form shapes reaches the repository’s spec and is planned for real', async ({
  request,
}) => {
  test.setTimeout(300_000);
  const dir = path.join(TEMPLATES_DIR, 'fraud-cep');
  const template = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const defaults = formDefaults(template);
  const body = await dryRun(request, dir, template, {
    ...defaults,
    ...ownNames(template),
    cep: { failedAttempts: 5, windowMinutes: 30 },
    partitions: { cdc: 2, fraud_alerts: 6 },
    // A team's own alert: any failure burst, with the order amount left out.
    selects: {
      fraud_signals: '',
      fraud_alerts: `SELECT customer_id, order_id, CAST(NULL AS DECIMAL(12, 2)) AS order_amount,
       failed_attempts, first_failure_at, 'burst' AS reason
FROM behavior
  MATCH_RECOGNIZE (
    PARTITION BY customer_id ORDER BY event_time
    MEASURES FIRST(F.event_time) AS first_failure_at, COUNT(F.event_type) AS failed_attempts,
      CAST(NULL AS BIGINT) AS order_id
    ONE ROW PER MATCH AFTER MATCH SKIP PAST LAST ROW
    PATTERN (F{5}) WITHIN INTERVAL '30' MINUTE
    DEFINE F AS F.event_type = 'payment_failed'
  )`,
    },
  });
  const files = new Map<string, string>(
    (body.directoryContents as any[]).map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
  const parsed = parsePipelineSpec(parse(files.get('pipeline.yaml')!));
  if (!parsed.success) throw new Error(parsed.message);
  const spec = parsed.spec;
  expect(spec.derivedTables[0].select).toContain('PATTERN (F{5,} C)');
  expect(spec.derivedTables[0].select).toContain("WITHIN INTERVAL '30' MINUTE");
  expect(spec.kafkaSinks[0].select).toContain("'burst' AS reason");
  // The alert topic is named inside the pipeline's namespace (<name>.fraud_alerts).
  const alerts = `${spec.name}.fraud_alerts`;
  expect(spec.topics.find(t => t.name === alerts)?.partitions).toBe(6);
  expect(
    spec.topics.filter(t => t.name !== alerts).map(t => t.partitions),
  ).toEqual([2, 2]);
  const messages = (body.log as any[])
    .map(l => l.body?.message ?? '')
    .join('\n');
  expect(messages).toMatch(
    /flink-sql \(flink-sql-gateway\) \[dry run\]: \S+ validated/,
  );
});
