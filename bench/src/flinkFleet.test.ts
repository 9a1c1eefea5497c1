import {
  FlinkRecording,
  instantiate,
  mergeOverview,
  recordedFor,
  recordedPath,
  syntheticJobs,
  templateOf,
} from './flinkFleet';

const JID = '0123456789abcdef0123456789abcdef';

describe('syntheticJobs', () => {
  it('gives distinct 32-hex ids and zero-padded names', () => {
    const jobs = syntheticJobs(200);
    expect(new Set(jobs.map(j => j.jid)).size).toBe(200);
    for (const j of jobs) expect(j.jid).toMatch(/^[0-9a-f]{32}$/);
    expect(jobs[0].name).toBe('bench-fleet-001');
    expect(jobs[199].name).toBe('bench-fleet-200');
  });
});

describe('templateOf and instantiate', () => {
  it('moves a recorded body to another job: id everywhere, name where quoted whole', () => {
    const body = JSON.stringify({
      jid: JID,
      name: 'finance-fact-sink',
      plan: { jid: JID, description: 'finance-fact-sink-commerce' },
      link: `/jobs/${JID}/checkpoints`,
    });
    const template = templateOf(body, JID, 'finance-fact-sink');
    expect(template).not.toContain(JID);
    const job = { jid: `be7c${'0'.repeat(27)}5`, name: 'bench-fleet-006' };
    expect(JSON.parse(instantiate(template, job))).toEqual({
      jid: job.jid,
      name: 'bench-fleet-006',
      plan: { jid: job.jid, description: 'finance-fact-sink-commerce' },
      link: `/jobs/${job.jid}/checkpoints`,
    });
  });

  it('escapes names that contain regular expression characters', () => {
    expect(templateOf('{"name":"a.b+c"}', JID, 'a.b+c')).toBe(
      '{"name":"{name}"}',
    );
    expect(templateOf('{"name":"aXb+c"}', JID, 'a.b+c')).toBe(
      '{"name":"aXb+c"}',
    );
  });
});

describe('recordedPath', () => {
  it('keys bodies by the route with the job id as a placeholder, without the query', () => {
    expect(recordedPath(`/jobs/${JID}/metrics?get=numRestarts`, JID)).toBe(
      '/jobs/{jid}/metrics',
    );
    expect(recordedPath(`/jobs/${JID}`, JID)).toBe('/jobs/{jid}');
  });
});

describe('mergeOverview and recordedFor', () => {
  const recorded = (jid: string, name: string, vertices: number) => ({
    jid,
    name,
    vertices,
    overviewEntry: { jid, name, state: 'RUNNING', tasks: { total: vertices } },
    bodies: {},
  });
  const other = 'fedcba9876543210fedcba9876543210';
  const recording: FlinkRecording = {
    recordedAt: '2026-12-03T00:00:00Z',
    jobs: [
      recorded(JID, 'finance-fact-sink', 3),
      recorded(other, 'fraud-detection-cep', 9),
    ],
  };

  it('spreads synthetic jobs over the recorded ones in turn', () => {
    expect(recordedFor(recording, 0).name).toBe('finance-fact-sink');
    expect(recordedFor(recording, 1).name).toBe('fraud-detection-cep');
    expect(recordedFor(recording, 2).name).toBe('finance-fact-sink');
  });

  it('keeps the real jobs and adds one entry per synthetic job, shaped like its recorded job', () => {
    const real = {
      jobs: [{ jid: JID, name: 'finance-fact-sink', state: 'RUNNING' }],
    };
    const jobs = syntheticJobs(3);
    const merged = mergeOverview(real, recording, jobs);
    expect(merged.jobs).toHaveLength(4);
    expect(merged.jobs[0]).toEqual(real.jobs[0]);
    expect(merged.jobs[2]).toEqual({
      jid: jobs[1].jid,
      name: 'bench-fleet-002',
      state: 'RUNNING',
      tasks: { total: 9 },
    });
    expect(merged.jobs[3]).toEqual({
      jid: jobs[2].jid,
      name: 'bench-fleet-003',
      state: 'RUNNING',
      tasks: { total: 3 },
    });
  });
});
