import { describe, expect, it } from 'vitest';
import { fillTemplate, formatBytes } from '../../../src/i18n/format.ts';
import { zh } from '../../../src/i18n/messages-zh.ts';
import { en } from '../../../src/i18n/messages-en.ts';

describe('fillTemplate', () => {
  it('fills named parameters and leaves unknown ones visible', () => {
    expect(fillTemplate('经度 {lon} 纬度 {lat}', { lon: 109.1, lat: 21.5 })).toBe('经度 109.1 纬度 21.5');
    expect(fillTemplate('删除「{name}」{missing}', { name: 'A' })).toBe('删除「A」{missing}');
  });
});

describe('formatBytes', () => {
  it('uses binary units with sensible precision', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10 GB');
  });
});

describe('messages', () => {
  it('has the same placeholders in Chinese and English for every key', () => {
    const placeholders = (text: string): string[] =>
      [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });
});
