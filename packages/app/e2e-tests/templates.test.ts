import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parse } from 'yaml';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import { REPO_ROOT, apiToken } from './support';

// Every use-case template through the scaffolder's dry-run API of the real backend, with the
// form's defaults: fetch:template renders the skeleton, the pipeline actions validate the spec,
// and the deploy runs as a dry run against the real local stack (read-only calls, the Flink SQL
// planned by the SQL Gateway).

const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');
const templates = (
  parse(fs.readFileSync(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8')).spec
    .targets as string[]
).map(target => path.dirname(path.join(TEMPLATES_DIR, target)));

/** The values a person gets by pressing Next on every page of the form. */
function formDefaults(template: any): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const page of [template.spec.parameters].flat())
    for (const [key, property] of Object.entries<any>(page.properties ?? {}))
      if (property.default !== undefined) values[key] = property.default;
  return values;
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

for (const dir of templates) {
  const template = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );

  test(`template ${template.metadata.name} passes the scaffolder dry run with its defaults`, async ({
    request,
  }) => {
    test.setTimeout(300_000);
    const res = await request.post('/api/scaffolder/v2/dry-run', {
      headers: { Authorization: `Bearer ${apiToken()}` },
      data: {
        template,
        values: formDefaults(template),
        secrets: {},
        directoryContents: directoryContents(dir),
      },
      timeout: 240_000,
    });
    const body = await res.json();
    expect(res.status(), JSON.stringify(body).slice(0, 2000)).toBe(200);

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
