import { rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../run-cli.js';
import { CLASSES, READER_CLASSES } from './mutants.js';
import { fuzzCli } from './run-mutants.js';

/**
 * The fuzzer, as processes of the real CLI: a seeded share of 2,000 mutants on every run;
 * `npm run fuzz` runs more (SVC_EXPLAIN_FUZZ_MUTANTS, SVC_EXPLAIN_FUZZ_SEED). Hostile-YAML mutants
 * (alias bombs, undefined aliases, collection keys, deep nesting) are included; SVC_EXPLAIN_FUZZ_HOSTILE_YAML=0 leaves them out.
 */

beforeAll(buildOnce, 600_000);

const MUTANTS = Number(process.env.SVC_EXPLAIN_FUZZ_MUTANTS ?? 2000);
const SEED = Number(process.env.SVC_EXPLAIN_FUZZ_SEED ?? 13);
const HOSTILE_YAML = process.env.SVC_EXPLAIN_FUZZ_HOSTILE_YAML !== '0';
const classes = CLASSES.filter((kind) => HOSTILE_YAML || !READER_CLASSES.includes(kind));

describe('CLI fuzzer', () => {
  it(
    `${MUTANTS} mutants (seed ${SEED}; ${classes.join(', ')}): exit 0, 1 or 2 with a file name, no stack trace, no internal error, no time-out`,
    async () => {
      const started = Date.now();
      const result = await fuzzCli({ mutants: MUTANTS, seed: SEED, classes });
      console.log(
        `fuzz: ${result.mutants} mutants in ${result.processes} processes, ${((Date.now() - started) / 1000).toFixed(0)} s; by exit code ${JSON.stringify(result.byExit)}; ${result.failures.length} failures (mutants in ${result.directory})`,
      );
      expect(result.failures.map((failure) => `${failure.file} [${failure.classes.join(', ')}]: ${failure.why}: ${failure.stderr.split('\n')[0]}`)).toEqual([]);
      const counted = Object.values(result.byExit).reduce((sum, n) => sum + n, 0);
      expect(counted).toBe(MUTANTS);
      rmSync(result.directory, { recursive: true, force: true });
    },
    Math.max(3_600_000, MUTANTS * 1000), // a guard against a hang, not a timing assertion: a busy machine is slow
  );
});
