import { describe, expect, it } from 'vitest';
import { orderViews, viewQuery, viewReferences } from './view-order.ts';

const ref = (name: string): string => `\`{{project}}.{{dataset}}.${name}\``;

describe('orderViews', () => {
  it('puts each view after the views it reads, ties by name', () => {
    const order = orderViews(
      [
        { name: 'a_top', sql: `SELECT * FROM ${ref('m_mid')} JOIN ${ref('b_side')}` },
        { name: 'm_mid', sql: `SELECT * FROM ${ref('z_base')}` },
        { name: 'b_side', sql: `SELECT * FROM ${ref('outcomes')}` },
        { name: 'z_base', sql: `SELECT * FROM ${ref('decisions')}` },
      ],
      ['decisions', 'outcomes'],
    );
    expect(order.views?.map((view) => view.name)).toEqual(['b_side', 'z_base', 'm_mid', 'a_top']);
  });

  it.each([
    [
      'an unknown name',
      [{ name: 'v', sql: `SELECT * FROM ${ref('nowhere')}` }],
      'view v reads nowhere, which is neither a table nor a view here',
    ],
    [
      'a cycle',
      [
        { name: 'x', sql: `SELECT * FROM ${ref('y')}` },
        { name: 'y', sql: `SELECT * FROM ${ref('x')}` },
      ],
      'views read each other in a cycle: x, y',
    ],
  ])('refuses %s', (_name, views, issue) => {
    expect(orderViews(views, ['decisions']).issues).toEqual([issue]);
  });
});

describe('viewReferences and viewQuery', () => {
  it('finds each placeholder reference once, and fills the placeholders in', () => {
    const sql = `\nSELECT * FROM ${ref('decisions')} d JOIN ${ref('outcomes')} USING (id) JOIN ${ref('decisions')}\n`;
    expect(viewReferences(sql)).toEqual(['decisions', 'outcomes']);
    expect(viewQuery(sql, 'p-1', 'ds')).toBe(
      'SELECT * FROM `p-1.ds.decisions` d JOIN `p-1.ds.outcomes` USING (id) JOIN `p-1.ds.decisions`',
    );
  });
});
