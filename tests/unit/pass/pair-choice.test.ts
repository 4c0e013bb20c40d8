import { describe, expect, it } from 'vitest';
import {
  bestCovered,
  choosePair,
  dayOfYear,
  seasonDistance,
  type PairCandidate,
} from '../../../src/core/pass/pair-choice.ts';

const pair = (
  t1: string,
  d1: string | null,
  t2: string,
  d2: string | null,
  cloud = 0,
  covered = 100,
): PairCandidate => ({
  t1: { name: t1, date: d1 },
  t2: { name: t2, date: d2 },
  covered,
  cloud: { t1: 0, t2: cloud },
});

describe('pair choice of a tile', () => {
  it('takes the least cloud before the season and the date', () => {
    const clear = pair('a1', '2023-09-10', 'a2', '2024-03-01');
    const cloudy = pair('b1', '2023-09-10', 'b2', '2024-09-20', 0.08);
    const choice = choosePair([cloudy, clear])!;
    expect(choice.chosen).toBe(clear);
    expect(choice.reason).toBe('least_cloud');
  });

  it('counts cloud in whole percent: a fraction of a percent does not beat a closer season', () => {
    const nearSeason = pair('a1', '2023-09-10', 'a2', '2024-09-12', 0.004);
    const farSeason = pair('b1', '2023-09-10', 'b2', '2024-03-12', 0.001);
    const choice = choosePair([farSeason, nearSeason])!;
    expect(choice.chosen).toBe(nearSeason);
    expect(choice.reason).toBe('closest_season');
  });

  it('then the latest date, then the names; every deciding criterion is recorded', () => {
    const old = pair('x1', '2023-09-10', 'x2', '2024-09-01');
    const late = pair('y1', '2023-09-10', 'y2', '2024-09-17');
    const lateToo = pair('z1', '2023-09-10', 'z2', '2024-09-17');
    const dirty = pair('w1', '2023-09-10', 'w2', '2024-09-17', 0.5);
    // Eight days from T1's day of the year either side: the season does not decide.
    expect(seasonDistance('2023-09-10', '2024-09-01')).toBe(8);
    expect(seasonDistance('2023-09-10', '2024-09-17')).toBe(8);
    const choice = choosePair([lateToo, old, dirty, late])!;
    expect(choice.chosen).toBe(late);
    expect(choice.reasons).toEqual(['least_cloud', 'latest', 'name']);
  });

  it('does not depend on the order candidates come in', () => {
    const list = [
      pair('a1', '2023-01-10', 'a2', '2024-01-12', 0.02),
      pair('b1', '2023-01-10', 'b2', '2024-01-30', 0.02),
      pair('c1', null, 'c2', null, 0.02),
      pair('d1', '2023-01-10', 'd2', '2024-12-30', 0.02),
    ];
    const first = choosePair(list)!.chosen.t2.name;
    for (let k = 0; k < 6; k += 1) {
      const shuffled = [...list].sort(() => (k % 2 ? 1 : -1));
      shuffled.push(shuffled.shift()!);
      expect(choosePair(shuffled)!.chosen.t2.name).toBe(first);
    }
    // 2024-12-30 (day 365 of a leap year) is 10 days from 2023-01-10 around the year end, 2024-01-30 is 20.
    expect(first).toBe('a2');
    expect(seasonDistance('2023-01-10', '2024-12-30')).toBe(10);
    expect(seasonDistance('2023-01-10', '2024-01-30')).toBe(20);
  });

  it('prefers the pair covering more of the region; no candidate covering anything gives no choice', () => {
    const part = pair('a1', null, 'a2', null, 0, 40);
    const whole = pair('b1', null, 'b2', null, 0.3, 100);
    expect(choosePair([part, whole])!.chosen).toBe(whole);
    expect(choosePair([part, whole])!.reason).toBe('most_coverage');
    expect(bestCovered([part, whole])).toEqual([whole]);
    expect(choosePair([pair('a', null, 'b', null, 0, 0)])).toBeNull();
    expect(choosePair([part])!.reason).toBe('only_pair');
  });

  it('reads the day of the year of a date', () => {
    expect(dayOfYear('2024-01-01')).toBe(1);
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(dayOfYear('not a date')).toBeNull();
    expect(seasonDistance(null, '2024-01-01')).toBeNull();
  });
});
