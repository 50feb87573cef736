// What a person sees: permalink pages and signed media URLs in a real headless Chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { getJson, saveScreenshot, useBrowser, useServer } from './harness.mjs';

const server = useServer();
const browser = useBrowser();

async function newestPhoto() {
  const fields = 'permalink,media_type,caption,media_url';
  const { status, body } = await getJson(`${server.baseUrl}/me/media?fields=${fields}&access_token=${encodeURIComponent(server.token)}`);
  assert.equal(status, 200, JSON.stringify(body));
  const photo = body.data.find((item) => item.media_type === 'IMAGE');
  assert.ok(photo, 'the demo account has a photo');
  return photo;
}

test('a photo permalink shows the owner, the caption and the loaded picture', async () => {
  const photo = await newestPhoto();
  const page = await browser.newPage();
  try {
    const response = await page.goto(photo.permalink, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    const text = await page.locator('body').innerText();
    assert.ok(text.includes(server.username), `the page names ${server.username}:\n${text}`);
    assert.ok(text.includes(photo.caption), `the page shows the caption "${photo.caption}":\n${text}`);

    const img = page.locator('img').first();
    await img.waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.querySelector('img')?.complete === true);
    const width = await img.evaluate((el) => el.naturalWidth);
    assert.ok(width > 0, 'the <img> decoded a real picture (naturalWidth > 0)');

    const shot = await saveScreenshot(page, 'permalink');
    const png = readFileSync(shot);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${shot} is a PNG`);
  } finally {
    await page.close();
  }
});

test('a media_url opened directly serves a JPEG', async () => {
  const photo = await newestPhoto();
  const page = await browser.newPage();
  try {
    const response = await page.goto(photo.media_url);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'image/jpeg');
    const bytes = await response.body();
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'the body starts like a JPEG');
  } finally {
    await page.close();
  }
});

test('a tampered media_url gets 403 with a plain-text reason', async () => {
  const photo = await newestPhoto();
  const url = new URL(photo.media_url);
  const signature = url.searchParams.get('oh');
  assert.ok(signature, `media_url is signed: ${photo.media_url}`);
  url.searchParams.set('oh', (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1));

  const page = await browser.newPage();
  try {
    const response = await page.goto(url.href);
    assert.equal(response.status(), 403);
    assert.match(response.headers()['content-type'], /^text\/plain/);
    const text = (await page.locator('body').innerText()).trim();
    assert.match(text, /signature/i);
  } finally {
    await page.close();
  }
});
