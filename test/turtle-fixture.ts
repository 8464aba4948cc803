// A small graph with every bare-literal form N3.Writer writes in Turtle (integers, decimals, doubles, signed values,
// booleans), each at the end of a statement, before `;` and before `,` (turtle.test.ts, virtuoso.test.ts).

import N3 from 'n3';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EX = 'https://w3id.org/stalin-letters/test/';

/** [lexical form, datatype IRI] of every bare form. */
export const BARE_FORMS: readonly (readonly [string, string])[] = [
  ['8', `${XSD}integer`],
  ['0', `${XSD}integer`],
  ['-3', `${XSD}integer`],
  ['+5', `${XSD}integer`],
  ['1664', `${XSD}integer`],
  ['1.5', `${XSD}decimal`],
  ['-0.25', `${XSD}decimal`],
  ['.5', `${XSD}decimal`],
  ['+2.0', `${XSD}decimal`],
  ['1.0E3', `${XSD}double`],
  ['-1e-3', `${XSD}double`],
  ['2.E5', `${XSD}double`],
  ['.5e1', `${XSD}double`],
  ['7e0', `${XSD}double`],
  ['true', `${XSD}boolean`],
  ['false', `${XSD}boolean`],
];

export function bareLiteralGraph(): N3.Quad[] {
  const { quad, namedNode, literal } = N3.DataFactory;
  const out: N3.Quad[] = [];
  BARE_FORMS.forEach(([value, datatype], i) => {
    const lit = literal(value, namedNode(datatype));
    // alone: the statement ends right after it (`8 .`)
    out.push(quad(namedNode(`${EX}alone/${i}`), namedNode(`${EX}value`), lit));
    // before `;`: another predicate follows
    out.push(quad(namedNode(`${EX}semicolon/${i}`), namedNode(`${EX}a`), lit));
    out.push(quad(namedNode(`${EX}semicolon/${i}`), namedNode(`${EX}b`), literal('next')));
    // before `,`: another object of the same predicate follows (sorted after it: `~` comes after digits and letters)
    out.push(quad(namedNode(`${EX}comma/${i}`), namedNode(`${EX}value`), lit));
    out.push(quad(namedNode(`${EX}comma/${i}`), namedNode(`${EX}value`), literal('~last')));
  });
  return out;
}
