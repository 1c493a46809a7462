import { describe, expect, it } from 'vitest';
import { linePath, niceTicks } from './LightChart';

describe('the light chart’s arithmetic', () => {
  it('puts grid lines at round steps up to above the largest value', () => {
    expect(niceTicks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(47)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('lifts the pen over a missing value', () => {
    const x = (i: number) => i * 10;
    const y = (v: number) => 100 - v;
    expect(linePath([1, 2, null, 4], x, y)).toBe('M0.0,99.0L10.0,98.0M30.0,96.0');
  });
});
