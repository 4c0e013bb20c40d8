// A stand-in for detect and merge in the pass-local tests: records its arguments and environment in the file
// after --out (as JSON), or fails. FAKE_FAIL_SHARD=k makes shard k exit 3 without writing; FAKE_NO_WRITE_SHARD=k
// makes it exit 0 without writing; FAKE_SLEEP_MS delays the end so processes overlap.
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const shard = process.env.SHARD_INDEX;
await new Promise((r) => setTimeout(r, Number(process.env.FAKE_SLEEP_MS ?? 0)));
if (shard !== undefined && shard === process.env.FAKE_FAIL_SHARD) {
  console.error(`fake: shard ${shard} fails on purpose`);
  process.exit(3);
}
if (shard !== undefined && shard === process.env.FAKE_NO_WRITE_SHARD) process.exit(0);
writeFileSync(
  out,
  JSON.stringify({
    args,
    SHARD_INDEX: process.env.SHARD_INDEX ?? null,
    SHARD_COUNT: process.env.SHARD_COUNT ?? null,
  }),
);
console.log(`fake: wrote ${out}`);
