import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  route,
} from '../../lib/http';

/** A repository of the platform's git server. @public */
export interface GitRepository {
  owner: string;
  name: string;
  description?: string;
}

const REPO_PART = /^[a-z0-9][a-z0-9-]{0,62}$/;
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const FILE =
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}){0,5}$/;

function checked(pattern: RegExp, what: string, value: string) {
  if (!pattern.test(value) || value.includes('..'))
    throw new TypeError(`git-server: invalid ${what} '${value.slice(0, 80)}'`);
  return value;
}

/**
 * The platform's git server (infra/local/git-server: repository API and raw files) as the
 * pipeline registry uses it: whether a repository exists before the portal claims it, and the
 * spec at a branch's HEAD for the Deployment tab. Publishing (git push) stays with the
 * scaffolder's LocalGitPublisher.
 *
 * @public
 */
export class GitServerClient {
  private readonly http: HttpTransport;

  constructor(options: HttpClientOptions) {
    this.http = new HttpTransport('git-server', options, {
      readError: body => ({
        message: typeof body === 'string' ? body : undefined,
      }),
    });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async listRepositories(options?: CallOptions): Promise<GitRepository[]> {
    const { body } = await this.http.request<GitRepository[]>(
      route('GET /api/repos'),
      options,
    );
    return Array.isArray(body) ? body : [];
  }

  async repositoryExists(
    owner: string,
    name: string,
    options?: CallOptions,
  ): Promise<boolean> {
    checked(REPO_PART, 'owner', owner);
    checked(REPO_PART, 'repository', name);
    return (await this.listRepositories(options)).some(
      r => r.owner === owner && r.name === name,
    );
  }

  /** A committed file at a branch's tip, or undefined when the file or branch does not exist. */
  async readFile(
    repo: { owner: string; name: string },
    branch: string,
    file: string,
    options?: CallOptions,
  ): Promise<string | undefined> {
    const r = route('GET /{owner}/{name}/raw/{branch}/{file}', {
      owner: checked(REPO_PART, 'owner', repo.owner),
      name: checked(REPO_PART, 'repository', repo.name),
      branch: checked(BRANCH, 'branch', branch),
      file: checked(FILE, 'file', file),
    });
    // The file path keeps its slashes (route() encodes each parameter whole).
    const res = await this.http.request<unknown>(
      { ...r, path: r.path.replace(/%2F/g, '/') },
      { ...options, accept: [404], headers: { Accept: '*/*' } },
    );
    if (res.status === 404) return undefined;
    return typeof res.body === 'string'
      ? res.body
      : JSON.stringify(res.body ?? '');
  }
}
