/**
 * Child process of the fuzz harness (harness.ts): runs cases [from, to) of one target and reports each over
 * IPC, announcing a case before it starts so the parent knows which one hung or crashed the process.
 * Usage (by the harness): node --import tsx runner.ts <target> <seed> <from> <to>
 */
import { caseAt, TARGETS, type TargetName } from './cases.ts';
import { runCase } from './readers.ts';

export type RunnerMessage =
  | { type: 'start'; index: number }
  | {
      type: 'result';
      index: number;
      status: string;
      codes: string[];
      problem?: string;
      ms: number;
      rssMb: number;
      bytes: number;
      how: string;
    }
  | { type: 'end' };

const send = (message: RunnerMessage): Promise<void> =>
  new Promise((resolve, reject) =>
    process.send?.(message, undefined, {}, (e) => (e ? reject(e) : resolve())),
  );

const [target, seed, from, to] = process.argv.slice(2);
if (!TARGETS.includes(target as TargetName)) throw new Error(`unknown target ${target}`);

for (let index = Number(from); index < Number(to); index += 1) {
  await send({ type: 'start', index });
  const input = await caseAt(target as TargetName, Number(seed), index);
  const started = performance.now();
  const verdict = await runCase(target as TargetName, input);
  const ms = performance.now() - started;
  await send({
    type: 'result',
    index,
    ...verdict,
    ms,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    bytes: input.bytes.length,
    how: input.how.slice(0, 300),
  });
}
await send({ type: 'end' });
process.disconnect?.();
