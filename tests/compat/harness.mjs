// The compat suite's harness: a real Pictograph server in a child process, Debian's Chromium through
// playwright-core, and a place for screenshots and logs. Each *.test.mjs file runs in its own Node
// process (node --test), so a file that calls useServer() gets a server and a fresh demo world of its own.
//
//   import { useServer, useBrowser } from './harness.mjs';
//   const server = useServer();            // started before the file's tests, stopped after them
//   const browser = useBrowser();          // the same for a headless Chromium (a Playwright BrowserContext)
//   test('…', async () => { await fetch(`${server.baseUrl}/me?access_token=${server.token}`); });
//
// Environment: PICTOGRAPH_DLL runs another build of the server; PICTOGRAPH_COMPAT_ARTIFACTS is where
// screenshots and server logs go (./scripts/test sets it; otherwise a fresh temp folder per test file);
// PICTOGRAPH_COMPAT_KEEP_DATA=1 keeps the servers' data directories for a look afterwards.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER_DLL = process.env.PICTOGRAPH_DLL
  ? resolve(process.env.PICTOGRAPH_DLL)
  : join(REPO_ROOT, 'src', 'Pictograph', 'bin', 'Release', 'net10.0', 'pictograph.dll');
export const CHROMIUM = '/usr/bin/chromium';

/** Every wait in the harness (server start, browser launch, navigation) is bounded by this. */
export const TIMEOUT_MS = 30_000;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// ---------------------------------------------------------------------------------------------------
// Artifacts

let artifacts;

/** The folder for screenshots and logs of this run (created on first use). */
export function artifactsDir() {
  if (!artifacts) {
    if (process.env.PICTOGRAPH_COMPAT_ARTIFACTS) {
      artifacts = resolve(process.env.PICTOGRAPH_COMPAT_ARTIFACTS);
      mkdirSync(artifacts, { recursive: true });
    } else {
      artifacts = mkdtempSync(join(tmpdir(), 'pictograph-compat-'));
    }
  }
  return artifacts;
}

/** A file name in the artifacts folder, prefixed with the running test file's name so files never clash. */
export function artifactPath(name) {
  const file = basename(process.argv[1] ?? 'compat', '.mjs').replace(/\.test$/, '');
  return join(artifactsDir(), `${file}-${name.replace(/[^\w.-]+/g, '_')}`);
}

/** Saves a full-page PNG screenshot of a Playwright page into the artifacts folder and returns its path. */
export async function saveScreenshot(page, name) {
  const path = artifactPath(name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path, fullPage: true, type: 'png', timeout: TIMEOUT_MS });
  return path;
}

// ---------------------------------------------------------------------------------------------------
// The server

/** Builds the server in Release when its dll is missing (./scripts/test has normally built it already). */
function ensureBuilt() {
  if (existsSync(SERVER_DLL)) return;
  if (process.env.PICTOGRAPH_DLL) throw new Error(`PICTOGRAPH_DLL does not exist: ${SERVER_DLL}`);
  const build = spawnSync(
    'dotnet', ['build', join(REPO_ROOT, 'src', 'Pictograph'), '--configuration', 'Release', '-nologo', '-v', 'q'],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } },
  );
  if (build.status !== 0 || !existsSync(SERVER_DLL)) {
    throw new Error(`building the server failed (exit ${build.status ?? build.signal}):\n${build.stdout}${build.stderr}`);
  }
}

// Servers still alive when this process goes away, for whatever reason, are killed with it (and their
// data directories removed).
const children = new Map();
function killAll() {
  for (const [child, dataDir] of children) {
    child.kill('SIGKILL');
    if (!process.env.PICTOGRAPH_COMPAT_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  }
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
  });
}

// What `serve` prints on an empty data directory (src/Pictograph/Cli/ServeCommand.cs). The host's own
// log lines ("info: …" and six-space continuation lines) may come in between.
const LISTENING = /^Pictograph is listening on (\S+)\s*$/;
const APP_ID = /^\s*App id:\s+(\S+)\s*$/;
const APP_SECRET = /^\s*App secret:\s+(\S+)\s*$/;
const TOKEN_HEADER = /^\s*Basic Display token for (\S+) /;
const TOKEN_LINE = /^ {2}(\S+)\s*$/;

/**
 * Starts `pictograph serve --port 0` on a fresh data directory (which seeds the demo world) and resolves
 * once it has printed its address, the app id and secret and the demo token:
 * `{ baseUrl, token, username, appId, appSecret, dataDir, logFile, output(), stop() }`.
 * `args` are extra arguments for `serve` (e.g. `--Pictograph:MediaUrlLifetime=00:00:05`).
 */
let servers = 0;

export async function startServer({ args = [], env = {}, timeoutMs = TIMEOUT_MS } = {}) {
  ensureBuilt();
  servers += 1;
  const logFile = artifactPath(servers === 1 ? 'server.log' : `server-${servers}.log`);
  const dataDir = mkdtempSync(join(tmpdir(), 'pictograph-data-'));
  const child = spawn('dotnet', [SERVER_DLL, 'serve', '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: dataDir,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(child, dataDir);

  let log = '';
  const exited = new Promise((done) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      log += `\n[pictograph exited: ${signal ?? `code ${code}`}]\n`;
      done();
    });
    child.once('error', (error) => {
      children.delete(child);
      log += `\n[could not run dotnet: ${error.message}]\n`;
      done();
    });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { log += chunk; });

  const found = {};
  let pending = '';
  let tokenNext = false;
  let ready;
  const isReady = new Promise((done) => { ready = done; });
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    log += chunk;
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop();
    for (const line of lines) {
      let m;
      if ((m = LISTENING.exec(line))) found.baseUrl = m[1].replace(/\/+$/, '');
      else if ((m = APP_ID.exec(line))) found.appId = m[1];
      else if ((m = APP_SECRET.exec(line))) found.appSecret = m[1];
      else if ((m = TOKEN_HEADER.exec(line))) { found.username = m[1]; tokenNext = true; }
      else if (tokenNext && (m = TOKEN_LINE.exec(line))) { found.token = m[1]; tokenNext = false; }
      if (found.baseUrl && found.appId && found.appSecret && found.token) ready();
    }
  });

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      try { writeFileSync(logFile, log); } catch { /* diagnostics only */ }
      if (!process.env.PICTOGRAPH_COMPAT_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  let timer;
  const outcome = await Promise.race([
    isReady.then(() => 'ready'),
    exited.then(() => 'exited'),
    new Promise((done) => { timer = setTimeout(() => done('timeout'), timeoutMs); }),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    await stop();
    const why = outcome === 'exited' ? 'exited before it was ready' : `printed no address and demo token within ${timeoutMs} ms`;
    throw new Error(`pictograph serve ${why}. Its output:\n${log}`);
  }

  return {
    ...found,
    dataDir,
    /** Everything the server printed so far (stdout and stderr); saved to `logFile` when it stops. */
    output: () => log,
    logFile,
    stop,
  };
}

/**
 * Registers before/after hooks in the current test file (or describe block) that start a server before
 * its tests and stop it after them, and returns an object that carries the server's fields once started.
 * When a test fails, the server's output is printed after the tests, for diagnostics.
 */
export function useServer(options) {
  const server = lateBound('useServer()');
  let failed = false;
  before(async () => { server.set(await startServer(options)); }, { timeout: TIMEOUT_MS * 2 });
  afterEach((t) => { if (t.passed === false) failed = true; });
  after(async () => {
    const started = server.get();
    if (!started) return;
    await started.stop();
    if (failed) {
      const tail = started.output().split('\n').slice(-100).join('\n');
      process.stderr.write(`\n--- the end of the server's output (all of it: ${started.logFile}) ---\n${tail}\n---\n`);
    }
  });
  return server.proxy;
}

/**
 * As useServer(), with the TLS listener on: it answers as Meta's hosts on port 443 of a loopback address of
 * its own (127.x.y.z, so test files running at once never share one), with its certificates from the CA that
 * ./scripts/test created for the run and that this process trusts through NODE_EXTRA_CA_CERTS. Once it is
 * up, the preload meta-hosts.cjs resolves Meta's names to it. Clients then use their default, hard-coded
 * https://graph.facebook.com etc. unchanged. The returned object also carries `metaAddress`.
 */
export function useImpersonatingServer(options = {}) {
  const caDir = process.env.PICTOGRAPH_COMPAT_CA_DIR;
  if (!caDir || !process.env.NODE_EXTRA_CA_CERTS || !process.execArgv.some((a) => a.includes('meta-hosts.cjs'))) {
    throw new Error('run the compat suite through ./scripts/test: it makes the CA (PICTOGRAPH_COMPAT_CA_DIR), trusts it (NODE_EXTRA_CA_CERTS) and preloads meta-hosts.cjs');
  }
  const server = lateBound('useImpersonatingServer()');
  let failed = false;
  before(async () => {
    for (let attempt = 1; ; attempt++) {
      const address = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
      try {
        const started = await startServer({
          ...options,
          args: [
            ...(options.args ?? []),
            '--Pictograph:Impersonation:Enabled=true', `--Pictograph:Impersonation:Address=${address}`,
            '--Pictograph:Impersonation:Port=443', `--Pictograph:Impersonation:CertificateDirectory=${caDir}`,
          ],
        });
        process.env.PICTOGRAPH_META_ADDRESS = address;
        started.metaAddress = address;
        server.set(started);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }, { timeout: TIMEOUT_MS * 4 });
  afterEach((t) => { if (t.passed === false) failed = true; });
  after(async () => {
    const started = server.get();
    if (!started) return;
    await started.stop();
    if (failed) process.stderr.write(`\n--- the server's output: ${started.logFile} ---\n${started.output().split('\n').slice(-100).join('\n')}\n`);
  });
  return server.proxy;
}

/**
 * Issues a user token on a running server's data directory with the CLI, as a developer would
 * (`pictograph tokens issue`), and returns it.
 */
export function issueToken(server, user, scopes) {
  const run = spawnSync(
    'dotnet',
    [SERVER_DLL, 'tokens', 'issue', '--user', user, '--scopes', scopes, '--data-dir', server.dataDir],
    { encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } },
  );
  if (run.status !== 0) throw new Error(`tokens issue failed (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
  return run.stdout.trim().split(/\r?\n/).pop().trim();
}

// ---------------------------------------------------------------------------------------------------
// The browser

/**
 * Launches Debian's Chromium (never a downloaded one) headless with a fresh temp profile and returns a
 * Playwright BrowserContext; `await context.close()` ends the browser and removes the profile.
 */
export async function launchBrowser(options = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (./scripts/test does)`);
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'pictograph-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      timeout: TIMEOUT_MS,
      viewport: { width: 1000, height: 800 },
      ...Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'extraArgs')),
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  // Remove the profile once the browser process has gone (the 'close' event comes before that).
  const close = context.close.bind(context);
  context.close = async (...args) => {
    try {
      await close(...args);
    } finally {
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
    }
  };
  return context;
}

/**
 * Registers hooks that launch a browser before the current file's (or describe block's) tests and close
 * it after them; returns the BrowserContext (usable inside tests): `const page = await browser.newPage()`.
 */
export function useBrowser(options) {
  const browser = lateBound('useBrowser()');
  before(async () => { browser.set(await launchBrowser(options)); }, { timeout: TIMEOUT_MS * 2 });
  after(async () => { await browser.get()?.close(); });
  return browser.proxy;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** GETs a URL with a bounded wait and returns `{ status, headers, body }` with the body parsed as JSON. */
export async function getJson(url, init = {}) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), ...init });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`GET ${url} answered ${response.status} with non-JSON: ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

// An object filled in by a before() hook: reading it earlier (at a file's top level) fails with a clear
// message instead of an undefined somewhere later. Methods are bound so `server.stop` etc. work detached.
function lateBound(what) {
  let target;
  const proxy = new Proxy({}, {
    get(_, key) {
      if (!target) throw new Error(`${what} is not ready yet: use it inside a test or hook, not at a file's top level`);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has(_, key) { return target ? key in target : false; },
  });
  return { proxy, set: (value) => { target = value; }, get: () => target };
}
