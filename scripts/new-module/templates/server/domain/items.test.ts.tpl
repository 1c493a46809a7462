import { describe, expect, it } from 'vitest';
import { cleanItemName, itemNameKey } from './items.js';

describe('item names', () => {
  it('keeps the name as typed, without stray spaces', () => {
    expect(cleanItemName('  Visita   a  Quetzaltenango ')).toBe('Visita a Quetzaltenango');
  });
  it('treats names that differ in case, accents or spacing as the same item', () => {
    expect(itemNameKey('Visita a Quetzaltenango')).toBe(itemNameKey(' VISITA  a quetzaltenángo'));
    expect(itemNameKey('Visita a Xela')).not.toBe(itemNameKey('Visita a Quetzaltenango'));
  });
});
