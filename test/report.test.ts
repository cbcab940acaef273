import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { makeTempFolder, signIn, writeNdjson } from './helpers/fixtures.js';
import { REPO_ROOT, runCli } from './helpers/runCli.js';

/** Debian's Chromium, which .ci/run installs; the test fails, not skips, without it. */
const CHROMIUM = process.env.HUNT_COOKIES_CHROMIUM ?? '/usr/bin/chromium';
// Flags for a headless run as root on a machine without network or GPU.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function openReport(report: string) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package, as .ci/run does.`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => !request.url().startsWith('file:') && requests.push(request.url()));
  await page.goto(`file://${report}`);
  return { browser, page, errors, requests };
}

describe('HTML report', () => {
  it('opens without errors and shows the incidents', async () => {
    const folder = await makeTempFolder();
    const report = path.join(folder, 'report.html');
    const result = await runCli(['-q', '--report', report, path.join(REPO_ROOT, 'samples')]);
    expect(result.code).toBe(1);

    const { browser, page, errors, requests } = await openReport(report);
    try {
      const ids = await page.locator('#incidents tr td:nth-child(1)').allTextContents();
      expect(ids).toEqual(['INC-001', 'INC-002', 'INC-003', 'INC-004', 'INC-005', 'INC-006', 'INC-007', 'INC-008', 'INC-009', 'INC-010']);
      const users = await page.locator('#incidents tr td:nth-child(3)').allTextContents();
      expect(users.slice(0, 3)).toEqual(['nadia@example.com', 'alice@example.com', 'frank@example.com']);
      const severities = await page.locator('#incidents tr td:nth-child(2)').allTextContents();
      expect(severities[0]).toBe('critical (raised: independent detections agree)');
      expect(severities.at(-1)).toBe('low');
      expect(await page.locator('#timelines svg').count()).toBe(10);
      expect(await page.locator('#timelines circle[stroke="#d00"]').count()).toBeGreaterThanOrEqual(10);
      expect(await page.locator('#findings tr').count()).toBe(25);
      const summaryText = await page.locator('#summary').textContent();
      expect(summaryText).toContain('Incidents10 (3 critical, 5 high, 1 medium, 1 low)');
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);

      const screenshot = path.join(folder, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      const image = await readFile(screenshot);
      expect(image.subarray(1, 4).toString()).toBe('PNG');
      expect((await stat(screenshot)).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });

  it('shows hostile strings as text', async () => {
    const folder = await makeTempFolder();
    const hostile = '<img src=x onerror=alert(1)> Outlook \u202Eevil\u202C';
    const input = await writeNdjson(folder, 'hostile.ndjson', [
      signIn('mal@example.test', '2024-03-01T10:00:00Z', 'US'),
      signIn('mal@example.test', '2024-03-01T10:05:00Z', 'RU', { AppDisplayName: hostile }),
    ]);
    const report = path.join(folder, 'report.html');
    await runCli(['-q', '--report', report, input]);
    expect(await readFile(report, 'utf8')).not.toContain('<img');

    const { browser, page, errors } = await openReport(report);
    try {
      expect(await page.locator('img').count()).toBe(0);
      const text = await page.locator('#findings').textContent();
      expect(text).toContain('<img src=x onerror=alert(1)> Outlook');
      expect(text).not.toContain('\u202E');
      expect(text).toContain('\\u202Eevil\\u202C');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
