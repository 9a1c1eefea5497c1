import { chromium, type Page, type Request } from '@playwright/test';
import type { PortalApi } from './portal';
import { summarize } from './stats';
import type { Row } from './table';

/** Anything still loading on a card: Backstage UI and MUI skeletons, progress bars. */
const BUSY = '[class*="bui-Skeleton"], .MuiSkeleton-root, [role="progressbar"]';
/** Long polls and pushes that never settle are not part of a page's load. */
const UNTRACKED = /\/api\/(signals|notifications|events)\b/;
const QUIET_MS = 750;
const MAX_WAIT_MS = 60_000;

export interface ApiCall {
  method: string;
  path: string;
  body?: string;
}

export interface PageLoad {
  path: string;
  /** Until the last request or loading indicator ended (then quiet for 750 ms). */
  loadedMs?: number;
  /** Until the Data versions card showed its figures, when the page has one. */
  dataVersionsMs?: number;
  /** Cards that ended in an error message ("… unavailable", "… not answering"). */
  cardErrors: string[];
  apiCalls: ApiCall[];
}

/**
 * Opens a page and watches it settle: every same-origin request (chunks and API calls) and
 * every skeleton or progress bar counts as activity; loaded = the last activity before a quiet
 * period. The Data versions card is done once its Nessie calls ended and its skeletons are gone.
 */
export async function loadPage(
  page: Page,
  base: string,
  path: string,
): Promise<PageLoad> {
  const inflight = new Set<Request>();
  const nessie = new Set<Request>();
  let nessieSeen = 0;
  let lastActivity = Date.now();
  let lastNessie = 0;
  const apiCalls: ApiCall[] = [];
  const tracked = (r: Request) =>
    r.url().startsWith(base) && !UNTRACKED.test(r.url());
  const onRequest = (r: Request) => {
    if (!tracked(r)) return;
    inflight.add(r);
    lastActivity = Date.now();
    const url = new URL(r.url());
    if (
      url.pathname.startsWith('/api/') &&
      !url.pathname.startsWith('/api/auth/')
    )
      apiCalls.push({
        method: r.method(),
        path: url.pathname + url.search,
        body: r.postData() ?? undefined,
      });
    if (url.pathname.startsWith('/api/nessie/')) {
      nessie.add(r);
      nessieSeen++;
    }
  };
  const onDone = (r: Request) => {
    if (!inflight.delete(r)) return;
    lastActivity = Date.now();
    if (nessie.delete(r)) lastNessie = lastActivity;
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  const t0 = Date.now();
  let dataVersionsAt: number | undefined;
  let lastDvBusy = 0;
  try {
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    while (Date.now() - t0 < MAX_WAIT_MS) {
      const state = await page.evaluate(busy => {
        const dv = [...document.querySelectorAll('h3')]
          .find(h => h.textContent?.trim() === 'Data versions')
          ?.closest('[class*="bui-Card"]');
        let dataVersions: 'absent' | 'busy' | 'done' = 'absent';
        if (dv) dataVersions = dv.querySelector(busy) ? 'busy' : 'done';
        return { busy: document.querySelector(busy) !== null, dataVersions };
      }, BUSY);
      const now = Date.now();
      if (state.busy) lastActivity = now;
      if (state.dataVersions === 'busy') lastDvBusy = now;
      if (
        dataVersionsAt === undefined &&
        state.dataVersions === 'done' &&
        nessieSeen > 0 &&
        nessie.size === 0
      )
        dataVersionsAt = Math.max(lastNessie, lastDvBusy);
      if (!state.busy && inflight.size === 0 && now - lastActivity >= QUIET_MS)
        break;
      await new Promise(r => setTimeout(r, 100));
    }
    const settled =
      inflight.size === 0 && Date.now() - lastActivity >= QUIET_MS;
    const cardErrors = await page.evaluate(() =>
      [...document.querySelectorAll('[class*="bui-Card"]')]
        .map(c => c.textContent ?? '')
        .filter(t => /unavailable|not answering|could not load/i.test(t))
        .map(t => t.slice(0, 120)),
    );
    return {
      path,
      loadedMs: settled ? lastActivity - t0 : undefined,
      dataVersionsMs:
        dataVersionsAt !== undefined ? dataVersionsAt - t0 : undefined,
      cardErrors,
      apiCalls,
    };
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
}

/** Catalog entities with data-platform cards: any dataplatform.io annotation but the links. */
export async function entityPages(api: PortalApi): Promise<string[]> {
  const res = await api.get<any[]>(
    '/api/catalog/entities?filter=kind=component&filter=kind=resource&filter=kind=system' +
      '&fields=kind,metadata.name,metadata.namespace,metadata.annotations',
  );
  if (res.status !== 200 || !res.body)
    throw new Error(`catalog: ${res.status} ${res.error}`);
  return res.body
    .filter(e => !e.metadata.name.startsWith('bench-fleet-'))
    .filter(e =>
      Object.keys(e.metadata.annotations ?? {}).some(
        k =>
          k.startsWith('dataplatform.io/') &&
          k !== 'dataplatform.io/monitoring-links',
      ),
    )
    .map(
      e =>
        `/catalog/${
          e.metadata.namespace ?? 'default'
        }/${e.kind.toLowerCase()}/${e.metadata.name}`,
    )
    .sort();
}

/** Signs in as guest in the page (the portal's sign-in page), once per browser context. */
async function signIn(page: Page, base: string) {
  await page.goto(`${base}/`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sidebar = page.getByRole('link', { name: 'Settings' });
  await enter.or(sidebar).first().waitFor({ timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await sidebar.waitFor({ timeout: 60_000 });
  }
}

export async function measureCards(options: {
  api: PortalApi;
  base: string;
  rounds: number;
  /** Pages whose API calls the load test replays. */
  capture: string[];
}) {
  const pages = await entityPages(options.api);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, options.base);
    const loads: PageLoad[] = [];
    for (let round = 0; round < options.rounds; round++)
      for (const path of pages)
        loads.push(await loadPage(page, options.base, path));
    const captured: Record<string, PageLoad> = {};
    for (const path of options.capture)
      captured[path] = await loadPage(page, options.base, path);
    const all = summarize(loads.map(l => l.loadedMs ?? NaN));
    const dv = summarize(loads.map(l => l.dataVersionsMs ?? NaN));
    const unsettled = loads
      .filter(l => l.loadedMs === undefined)
      .map(l => l.path);
    const rows: Row[] = [
      {
        figure: `Entity pages: all data-platform cards loaded, p95 (${pages.length} pages × ${options.rounds}, chromium)`,
        unit: 's',
        ours: all && all.p95 / 1000,
        target: { max: 2 },
        error: all ? undefined : 'no page settled',
      },
      {
        figure: `Data versions card loaded, p95 (${dv?.n ?? 0} loads)`,
        unit: 's',
        ours: dv && dv.p95 / 1000,
        target: { max: 1 },
        error: dv ? undefined : 'no page showed the card',
      },
    ];
    const perPage = pages.map(p => {
      const mine = loads.filter(l => l.path === p);
      return {
        path: p,
        loadedMs: mine.map(l => l.loadedMs),
        dataVersionsMs: mine.map(l => l.dataVersionsMs),
        cardErrors: [...new Set(mine.flatMap(l => l.cardErrors))],
      };
    });
    return {
      rows,
      captured,
      raw: { allLoadedMs: all, dataVersionsMs: dv, unsettled, perPage },
    };
  } finally {
    await browser.close();
  }
}
