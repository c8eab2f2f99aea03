import { describe, expect, it } from 'vitest';
import { parseLabelledCsv } from './labelled-csv.ts';

describe('parseLabelledCsv', () => {
  it('takes every other all-numeric column as a feature, subjects in order of appearance', () => {
    const csv = [
      'subject,sessionIndex,H.period,note,DD.period.t',
      's2,1,0.15,ok,0.39',
      's1,1,0.11,"fast, clean",0.41',
      '',
      's2,2,0.13,ok,0.37',
    ].join('\n');
    const result = parseLabelledCsv(csv, { subject: 'subject', exclude: ['sessionIndex'] });
    expect(result.ok).toBe(true);
    expect(result.data?.features).toEqual(['H.period', 'DD.period.t']);
    expect(result.data?.ignored).toEqual(['sessionIndex', 'note']);
    expect([...(result.data?.subjects ?? [])]).toEqual([
      [
        's2',
        [
          [0.15, 0.39],
          [0.13, 0.37],
        ],
      ],
      ['s1', [[0.11, 0.41]]],
    ]);
  });

  it('reads RFC 4180 quoting and CRLF line ends', () => {
    const csv = 'who,"x ""raw""",y\r\n"a\nb",1,2\r\n"c",3,4\r\n';
    const result = parseLabelledCsv(csv, { subject: 'who' });
    expect(result.data?.features).toEqual(['x "raw"', 'y']);
    expect([...(result.data?.subjects.keys() ?? [])]).toEqual(['a\nb', 'c']);
  });

  it('leaves out a column with an empty or non-numeric cell', () => {
    const csv = 'id,a,b,c\nu,1,,3\nv,2,5,Infinity\n';
    expect(parseLabelledCsv(csv, { subject: 'id' }).data?.features).toEqual(['a']);
  });

  it.each([
    ['', 'subject', ['the file has no header row']],
    ['id,a\nu,1\n', 'user', ['no column "user" (columns: id, a)']],
    [
      'id,a\nu,1,2\nv\n',
      'id',
      ['row 2: 3 fields; the header has 2', 'row 3: 1 fields; the header has 2'],
    ],
    ['id,a\nu,x\n', 'id', ['no numeric feature column']],
  ])('reports problems in %j', (csv, subject, issues) => {
    expect(parseLabelledCsv(csv, { subject })).toEqual({ ok: false, issues });
  });
});
