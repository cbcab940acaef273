import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { makeTempFolder } from './helpers/fixtures.js';
import { runCli, runCliJson } from './helpers/runCli.js';
import { encodeFile, layoutVariants, TEXT_ENCODERS, type Encoder, type FixtureFile } from './helpers/shapeFixtures.js';

const VARIANTS = layoutVariants();

/**
 * Cases per run. Each case runs the CLI twice in parallel, at about 0.4 s per CLI run, so the
 * test takes about 30 s with 50 cases (measured on the development machine, an estimate elsewhere).
 */
const NUM_RUNS = 50;

/** Canonical rows and findings of one run, without the columns that name the file read. */
interface Outcome {
  rows: Record<string, unknown>[];
  findings: Record<string, unknown>[];
}

async function writeFiles(files: readonly FixtureFile[]): Promise<string> {
  const folder = await makeTempFolder();
  for (const file of files) await writeFile(path.join(folder, file.name), file.bytes);
  return folder;
}

/**
 * Runs `inspect --rows` and a hunt on a folder. A re-encoded file differs in name (gzip adds
 * `.gz`) and bytes, so `source_file`, `SourceFile`, `PriorSourceFile` and the files' SHA-256
 * are left out. Every other column is compared.
 */
async function outcomeOf(folder: string): Promise<Outcome> {
  const [inspect, hunt] = await Promise.all([runCli(['inspect', '--rows', folder]), runCliJson([folder])]);
  if (inspect.code !== 0) throw new Error(`inspect exited with ${inspect.code}: ${inspect.stderr}`);
  const rows = inspect.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { source_file: _sourceFile, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return rest;
    });
  const findings = hunt.json.findings.map(
    ({ SourceFile: _file, PriorSourceFile: _priorFile, SourceSha256: _hash, PriorSourceSha256: _priorHash, ...rest }) => rest,
  );
  return { rows, findings };
}

const plainOutcomes = new Map<number, Promise<Outcome>>();

/** Returns the outcome of a layout variant as written, computed once per variant. */
function plainOutcome(index: number): Promise<Outcome> {
  let outcome = plainOutcomes.get(index);
  if (outcome === undefined) {
    outcome = writeFiles(VARIANTS[index]!.files).then(outcomeOf);
    plainOutcomes.set(index, outcome);
  }
  return outcome;
}

const encodingCase = fc.record({
  variant: fc.integer({ min: 0, max: VARIANTS.length - 1 }),
  textEncoders: fc.array(fc.constantFrom(...TEXT_ENCODERS), { maxLength: 3 }),
  gzip: fc.boolean(),
});

/** Returns the encoders of a case in the order they are applied, with gzip last. */
function chainOf(testCase: { textEncoders: Encoder[]; gzip: boolean }): Encoder[] {
  return testCase.gzip ? [...testCase.textEncoders, 'gzip'] : testCase.textEncoders;
}

describe('re-encoded layouts', () => {
  it('match the plain file', async () => {
    const seed = Number(process.env.HUNT_COOKIES_FC_SEED ?? Date.now() % 2 ** 31);
    const adminCenterCsv = VARIANTS.findIndex((variant) => variant.label === 'admin-center-csv');
    const uiCsv = VARIANTS.findIndex((variant) => variant.label === 'log-analytics-ui-csv');

    const property = fc.asyncProperty(encodingCase, async (testCase) => {
      const variant = VARIANTS[testCase.variant]!;
      const chain = chainOf(testCase);
      const encoded = await writeFiles(variant.files.map((file) => encodeFile(file, chain)));
      const [actual, expected] = await Promise.all([outcomeOf(encoded), plainOutcome(testCase.variant)]);
      expect(actual.rows, `${variant.label} encoded with ${chain.join(' + ') || 'nothing'}: rows`).toEqual(expected.rows);
      expect(actual.findings, `${variant.label} encoded with ${chain.join(' + ') || 'nothing'}: findings`).toEqual(expected.findings);
    });

    try {
      await fc.assert(property, {
        seed,
        numRuns: NUM_RUNS,
        examples: [
          [{ variant: adminCenterCsv, textEncoders: ['utf-16be', 'crlf'], gzip: true }],
          [{ variant: uiCsv, textEncoders: ['utf-16le'], gzip: true }],
        ],
      });
    } catch (error) {
      // fast-check prints its seed too, but this message names the variable that replays it.
      throw new Error(`Replay with HUNT_COOKIES_FC_SEED=${seed}.\n${(error as Error).message}`, { cause: error });
    }
  }, 180_000);
});
