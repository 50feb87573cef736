// Shared by the OAuth dialog tests: the app's side (a callback server at the demo app's registered
// redirect URI) and the person's side in the browser (sign in, then Allow or Deny).
import { createServer } from 'node:http';
import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { TIMEOUT_MS } from './harness.mjs';

/** The demo app's only registered redirect URI (src/Pictograph/Seed/DemoWorld.cs). */
export const CALLBACK = 'http://localhost:3000/auth/callback';
const CALLBACK_PORT = 3000;

/**
 * Serves `handler` on 127.0.0.1:3000, where the browser lands after the dialog. Another test file may
 * hold the port for a while (files run in parallel), so a busy port is tried again for up to `waitMs`;
 * resolves to the server, or to null when the port stayed busy (the caller skips its tests then).
 */
export async function listenOnCallbackPort(handler, { waitMs = TIMEOUT_MS } = {}) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const server = createServer(handler);
    const outcome = await new Promise((done) => {
      server.once('error', (error) => done(error));
      server.listen(CALLBACK_PORT, '127.0.0.1', () => done(null));
    });
    if (outcome === null) return server;
    if (outcome.code !== 'EADDRINUSE' || Date.now() > deadline) {
      if (outcome.code === 'EADDRINUSE') return null;
      throw outcome;
    }
    await sleep(250);
  }
}

/**
 * The app's side of a passport sign-in at the callback port: /auth/instagram sends the browser to the
 * dialog, /auth/callback lets passport exchange the code; a failure shows in the page (for the assertion).
 */
export function listenWithPassport(passport) {
  const app = express();
  app.get('/auth/instagram', passport.authenticate('instagram', { session: false }));
  app.get('/auth/callback', (req, res, next) => {
    passport.authenticate('instagram', { session: false }, (error, user) => {
      if (error) return next(error);
      res.type('html').send(user ? '<h1>Signed in with Instagram</h1>' : '<h1>Sign-in failed</h1>');
    })(req, res, next);
  });
  // Four parameters make it Express's error handler: a failed exchange shows up in the assertion message.
  app.use((error, req, res, next) => {
    res.status(500).type('text').send(`passport failed: ${error.message} ${JSON.stringify(error.oauthError ?? '')}`);
  });
  return listenOnCallbackPort(app);
}

/** Closes a callback server (null-safe), dropping kept-alive browser connections. */
export async function closeServer(server) {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

/** Fills and sends the dialog's sign-in form, and waits for the next page. */
export async function signIn(page, login, password) {
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log in' }).click()]);
}

/** Presses Allow or Deny on the consent page and waits until the browser is back at the app's callback. */
export async function decide(page, button, callback = CALLBACK) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(callback));
}

/** The Basic Display code exchange as an app does it: a form POST with the app's secret. */
export async function exchangeCode(baseUrl, { appId, appSecret, code, redirectUri = CALLBACK }) {
  const body = new URLSearchParams({
    client_id: appId, client_secret: appSecret, grant_type: 'authorization_code', redirect_uri: redirectUri, code,
  });
  const response = await fetch(`${baseUrl}/oauth/access_token`, { method: 'POST', body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  return { status: response.status, text: await response.text() };
}
