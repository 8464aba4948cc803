// A parser of QuickStatements V1 statement commands, written from Help:QuickStatements and the V1 parser of
// QuickStatements 2 (magnusmanske/quickstatements, importDataFromV1 / parseValueV1): ENTITY TAB [!]PROPERTY TAB
// VALUE, then pairs of P… (qualifier) or S… / !S… (source) and a value. Values: an item, a "string", a time
// +YYYY-MM-DDT00:00:00Z/precision. Anything else is an error: the test fails on a line QuickStatements would reject.

export type V1Value =
  | { type: 'item'; id: string }
  | { type: 'string'; value: string }
  | { type: 'time'; time: string; precision: number };

export interface V1Command {
  item: string;
  property: string;
  /** `!P…`: always a new statement. */
  newStatement: boolean;
  value: V1Value;
  qualifiers: { property: string; value: V1Value }[];
  sources: { property: string; value: V1Value; newGroup: boolean }[];
}

export function parseValue(v: string): V1Value {
  if (/^Q[1-9]\d*$/.test(v)) return { type: 'item', id: v };
  const s = /^"([^"\t]*)"$/.exec(v);
  if (s) return { type: 'string', value: s[1]! };
  const t = /^([+-])(\d{4,})-(\d\d)-(\d\d)T00:00:00Z\/(\d{1,2})$/.exec(v);
  if (t) {
    const precision = Number(t[5]);
    if (precision < 0 || precision > 14) throw new Error(`bad precision in ${v}`);
    return { type: 'time', time: v.slice(0, v.indexOf('/')), precision };
  }
  throw new Error(`not a V1 value: ${JSON.stringify(v)}`);
}

export function parseV1Line(line: string): V1Command {
  if (line.includes('|')) throw new Error('this export separates with tabs only');
  const cols = line.split('\t');
  if (cols.length < 3 || (cols.length - 3) % 2 !== 0)
    throw new Error(`incomplete command (${cols.length} columns): ${line}`);
  const [item, prop, value, ...rest] = cols as [string, string, string, ...string[]];
  if (!/^Q[1-9]\d*$/.test(item)) throw new Error(`not an item: ${item}`);
  const p = /^(!?)(P[1-9]\d*)$/.exec(prop);
  if (!p) throw new Error(`not a property: ${prop}`);
  const cmd: V1Command = {
    item,
    property: p[2]!,
    newStatement: p[1] === '!',
    value: parseValue(value),
    qualifiers: [],
    sources: [],
  };
  for (let i = 0; i < rest.length; i += 2) {
    const k = /^(P|S|!S)([1-9]\d*)$/.exec(rest[i]!);
    if (!k) throw new Error(`not a qualifier or source property: ${rest[i]}`);
    const v = parseValue(rest[i + 1]!);
    if (k[1] === 'P') cmd.qualifiers.push({ property: `P${k[2]}`, value: v });
    else cmd.sources.push({ property: `P${k[2]}`, value: v, newGroup: k[1] === '!S' });
  }
  return cmd;
}
