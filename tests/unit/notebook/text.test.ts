import { describe, expect, it } from 'vitest';
import { nodeDuckDB } from '../node-duckdb.ts';
import { parseInline, parseMarkdown } from '../../../src/core/notebook/markdown.ts';
import { locateSqlError, sqlErrorSummary } from '../../../src/core/notebook/sql-error.ts';

describe('markdown subset', () => {
  it('parses headings, paragraphs, lists, quotes, code and rules', () => {
    const blocks = parseMarkdown(
      '# 会商记录\n\n第一段\n接着写。\n\n- 甲\n- **乙**\n\n2. 二\n3. 三\n\n> 引用\n\n```\nSELECT 1\n```\n---',
    );
    expect(blocks.map((b) => b.t)).toEqual(['h', 'p', 'ul', 'ol', 'quote', 'pre', 'hr']);
    expect(blocks[0]).toEqual({ t: 'h', level: 1, c: [{ t: 'text', v: '会商记录' }] });
    expect(blocks[1]).toEqual({ t: 'p', c: [{ t: 'text', v: '第一段 接着写。' }] });
    expect(blocks[3]).toMatchObject({ t: 'ol', start: 2 });
    expect(blocks[5]).toEqual({ t: 'pre', v: 'SELECT 1' });
  });

  it('parses inline bold, italic, code and safe links; keeps markup-looking text literal', () => {
    expect(parseInline('a **b _c_** `x*y` d')).toEqual([
      { t: 'text', v: 'a ' },
      {
        t: 'strong',
        c: [
          { t: 'text', v: 'b ' },
          { t: 'em', c: [{ t: 'text', v: 'c' }] },
        ],
      },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'x*y' },
      { t: 'text', v: ' d' },
    ]);
    expect(parseInline('redline_ha and area_ha')).toEqual([{ t: 'text', v: 'redline_ha and area_ha' }]);
    expect(parseInline('[说明](https://example.org/a)')).toEqual([
      { t: 'link', text: '说明', href: 'https://example.org/a' },
    ]);
    // A javascript: link stays text; HTML stays text (the UI renders text nodes only).
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ t: 'text', v: 'x (javascript:alert(1))' }]);
    expect(parseMarkdown('<img src=x onerror=alert(1)>')).toEqual([
      { t: 'p', c: [{ t: 'text', v: '<img src=x onerror=alert(1)>' }] },
    ]);
    expect(parseInline('\\*not em\\*')).toEqual([{ t: 'text', v: '*not em*' }]);
  });
});

describe('SQL error positions from DuckDB messages', () => {
  it('points at the failing token of real DuckDB errors', async () => {
    const conn = await nodeDuckDB();
    conn.query('CREATE TABLE patch (id VARCHAR, area_ha DOUBLE)');
    const cases: [string, string][] = [
      ['SELECT * FORM patch', 'patch'],
      ['SELECT id,\n  aera_ha\nFROM patch', 'aera_ha'],
      ['SELECT *\nFROM pach', 'pach'],
      [
        "SELECT id FROM patch WHERE area_ha > 1 AND area_ha < 9 AND id <> 'a' AND id <> 'b' AND id <> 'c' AND foo = 2",
        'foo',
      ],
    ];
    for (const [sql, token] of cases) {
      let message = '';
      try {
        conn.query(sql);
      } catch (error) {
        message = (error as Error).message;
      }
      const position = locateSqlError(message, sql);
      expect(position, `${sql}\n${message}`).not.toBeNull();
      expect(sql.slice(position!.offset, position!.offset + token.length), message).toBe(token);
      const line = sql.split('\n')[position!.line - 1]!;
      expect(line.slice(position!.column - 1)).toMatch(new RegExp(`^${token}`));
      expect(sqlErrorSummary(message)).not.toContain('LINE');
    }
    conn.close();
  });

  it('returns null when the message has no position', () => {
    expect(locateSqlError('Out of Memory Error: x', 'SELECT 1')).toBeNull();
    expect(sqlErrorSummary('Catalog Error: x')).toBe('Catalog Error: x');
  });
});
