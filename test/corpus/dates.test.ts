import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEditorialDate, parseEdtf, parseNumericDateline, DateParseError } from '../../src/corpus/dates.js';

const cases: [string, string, string, string, number][] = [
  ['[2 August 1930]', '1930-08-02', '1930-08-02', '1930-08-02', 11],
  ['[Earlier than 20 April 1930]', '../1930-04-19', '1930-01-01', '1930-04-19', 9],
  ['[No earlier than 6 August 1930]', '1930-08-06/..', '1930-08-06', '1930-12-31', 9],
  ['[No later than 15 September 1930]', '../1930-09-15', '1930-01-01', '1930-09-15', 9],
  ['[Late AugustEarly September 1930]', '1930-08-21/1930-09-10', '1930-08-21', '1930-09-10', 9],
  ['[Late August–Early September 1930]', '1930-08-21/1930-09-10', '1930-08-21', '1930-09-10', 9],
  ['11 August [1932]', '1932-08-11', '1932-08-11', '1932-08-11', 11],
  ['22 September 1930', '1930-09-22', '1930-09-22', '1930-09-22', 11],
];

for (const [printed, edtf, earliest, latest, precision] of cases) {
  test(`editorial date ${printed}`, () => {
    const d = parseEditorialDate(printed);
    assert.deepEqual(
      { asPrinted: d.asPrinted, edtf: d.edtf, earliest: d.earliest, latest: d.latest, precision: d.precision },
      { asPrinted: printed, edtf, earliest, latest, precision },
    );
  });
}

test('the lost dash is recorded in the comment, the printed text is kept', () => {
  const d = parseEditorialDate('[Late AugustEarly September 1930]');
  assert.equal(d.asPrinted, '[Late AugustEarly September 1930]');
  assert.match(d.comment!, /dash .* lost/);
  assert.doesNotMatch(parseEditorialDate('[Late August–Early September 1930]').comment!, /lost/);
});

test('the editorial year is noted', () => {
  assert.match(parseEditorialDate('11 August [1932]').comment!, /year supplied by the editors/);
});

test('an unknown date form is an error, never a null', () => {
  assert.throws(() => parseEditorialDate('[Sometime in 1930]'), DateParseError);
  assert.throws(() => parseEditorialDate('[30 February 1930]'), /does not exist/);
});

test('numeric datelines are month/day/year', () => {
  assert.equal(parseNumericDateline('9/28/30').edtf, '1930-09-28');
  assert.throws(() => parseNumericDateline('13/28/30'), DateParseError);
});

test('EDTF subset of the curated records', () => {
  assert.deepEqual(
    [
      parseEdtf('1930-07', 'In July 1930').earliest,
      parseEdtf('1930-07', 'x').latest,
      parseEdtf('1930-07', 'x').precision,
    ],
    ['1930-07-01', '1930-07-31', 10],
  );
  assert.deepEqual(
    [parseEdtf('1930/1934', 'from 1930 to 1934').earliest, parseEdtf('1930/1934', 'x').latest],
    ['1930-01-01', '1934-12-31'],
  );
  assert.throws(() => parseEdtf('1930-02-30', 'x'), /does not exist/);
  assert.throws(() => parseEdtf('1931/1930', 'x'), /ends before it starts/);
});
