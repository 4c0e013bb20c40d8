// Child process of detect-bench.ts: run our Node pipeline on a pair and print one JSON line with the time,
// patch count and peak resident memory of this process. usage: npx tsx tests/bench/detect-bench-run.ts T1 T2
import { detectChanges } from '../../src/core/detect/pipeline.ts';
import { useNodeInflate } from '../../src/io/geotiff-inflate-node.ts';
import { openPair } from '../../src/io/geotiff-pair.ts';
import { nodePoolExecutor } from '../../src/io/geotiff-pool-node.ts';

const [t1, t2] = process.argv.slice(2);
if (!t1 || !t2) throw new Error('usage: detect-bench-run.ts T1.tif T2.tif');
useNodeInflate();
const workers = Number(process.env.DETECT_WORKERS ?? 2);
const executor = workers > 0 ? nodePoolExecutor(t1, t2, { workers }) : undefined;
// Worker threads are started (and their modules loaded) before the clock starts, as in a running app.
await executor?.ready();
const started = performance.now();
const cpu0 = process.cpuUsage();
const pair = await openPair(t1, t2);
let calibrated = 0;
const result = await detectChanges(
  pair.input,
  {},
  {
    ...(executor ? { executor } : {}),
    onProgress: (p) => {
      if (p.phase === 'tiles' && p.done === 1) calibrated = performance.now();
    },
  },
);
await pair.close();
await executor?.close();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    seconds,
    calibrate_s: (calibrated - started) / 1000,
    patches: result.patches.length,
    tiles: result.stats.tiles,
    pixels: pair.t2.meta.width * pair.t2.meta.height,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    cpu_s: (cpu.user + cpu.system) / 1e6,
  }),
);
