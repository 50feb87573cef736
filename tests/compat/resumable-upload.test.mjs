// A resumable reel upload as client code written for rupload.facebook.com does it, with plain fetch: create
// the container with upload_type=resumable, POST the raw bytes to the uri it answers in two chunks
// (Authorization: OAuth, offset, file_size), poll video_status until processing is done, publish, and
// download the published reel from its media_url.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TIMEOUT_MS, getJson, issueToken, useServer } from './harness.mjs';

const server = useServer();
const SCOPES = 'instagram_basic,pages_show_list,instagram_content_publish';

/** A 4-second H.264/AAC MP4 made by ffmpeg (which the server needs anyway). */
function makeReel() {
  const folder = mkdtempSync(join(tmpdir(), 'pictograph-compat-reel-'));
  try {
    const file = join(folder, 'reel.mp4');
    const run = spawnSync('ffmpeg', [
      '-nostdin', '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc=duration=4:size=360x640:rate=30',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=4',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-shortest', file,
    ], { encoding: 'utf8', timeout: TIMEOUT_MS });
    assert.equal(run.status, 0, run.stderr);
    return readFileSync(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function post(url, form) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form), signal: AbortSignal.timeout(TIMEOUT_MS) });
  return { status: response.status, body: await response.json() };
}

async function upload(uri, token, offset, fileSize, chunk) {
  const response = await fetch(uri, {
    method: 'POST',
    headers: { Authorization: `OAuth ${token}`, offset: String(offset), file_size: String(fileSize) },
    body: chunk,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: response.status, body: await response.json() };
}

test('a reel uploaded in two chunks to the container uri is processed and published', { timeout: TIMEOUT_MS * 4 }, async () => {
  const token = issueToken(server, 'dev@example.com', SCOPES);
  const accounts = await getJson(`${server.baseUrl}/v25.0/me/accounts?fields=instagram_business_account{id,username}&access_token=${token}`);
  const shop = accounts.body.data.map((p) => p.instagram_business_account).find((a) => a?.username === 'example_shop');
  assert.ok(shop, 'dev@example.com manages a Page linked to example_shop');
  const reel = makeReel();
  const half = Math.floor(reel.length / 2);

  const created = await post(`${server.baseUrl}/v25.0/${shop.id}/media`, {
    upload_type: 'resumable', media_type: 'REELS', caption: 'Uploaded, not fetched', access_token: token,
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.uri, `${server.baseUrl}/ig-api-upload/v25.0/${created.body.id}`);

  const first = await upload(created.body.uri, token, 0, reel.length, reel.subarray(0, half));
  assert.deepEqual(first, { status: 200, body: { success: true, message: 'Upload successful.' } });
  const statusUrl = `${server.baseUrl}/v25.0/${created.body.id}?fields=status_code,video_status&access_token=${token}`;
  const midway = await getJson(statusUrl);
  assert.equal(midway.body.status_code, 'IN_PROGRESS');
  assert.deepEqual(midway.body.video_status.uploading_phase, { status: 'in_progress', bytes_transferred: half });
  const second = await upload(created.body.uri, token, midway.body.video_status.uploading_phase.bytes_transferred, reel.length, reel.subarray(half));
  assert.equal(second.status, 200, JSON.stringify(second.body));

  const deadline = Date.now() + TIMEOUT_MS;
  let status = await getJson(statusUrl);
  while (status.body.status_code === 'IN_PROGRESS' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = await getJson(statusUrl);
  }
  assert.equal(status.body.status_code, 'FINISHED', JSON.stringify(status.body));
  assert.deepEqual(status.body.video_status, {
    uploading_phase: { status: 'complete', bytes_transferred: reel.length },
    processing_phase: { status: 'complete' },
  });

  const published = await post(`${server.baseUrl}/v25.0/${shop.id}/media_publish`, { creation_id: created.body.id, access_token: token });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  const media = await getJson(`${server.baseUrl}/v25.0/${published.body.id}?fields=media_type,media_product_type,media_url&access_token=${token}`);
  assert.equal(media.body.media_type, 'VIDEO');
  assert.equal(media.body.media_product_type, 'REELS');
  const file = await fetch(media.body.media_url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  assert.equal(file.status, 200);
  const bytes = Buffer.from(await file.arrayBuffer());
  assert.equal(bytes.subarray(4, 8).toString('ascii'), 'ftyp');
});
