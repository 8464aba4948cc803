// The yardstick of issue #30: a bare script that only reads the corpus (every YAML file parsed with js-yaml, the
// sources read as text) and writes the same N-Triples the build writes (given as a file it reads back). Whatever
// `build` and `validate` take beyond this is our own work: parsing the editions, the model, RDF, SHACL, the other
// outputs and the figures. Run by bench/loop.ts as a process of its own: `node dist/bench/floor.js CORPUS NT OUT`.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';

const [corpus, ntFile, out] = process.argv.slice(2) as [string, string, string];
let records = 0;
const walk = (dir: string): void => {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (/\.ya?ml$/.test(name)) {
      const doc = load(readFileSync(full, 'utf8'));
      records += Array.isArray(doc) ? doc.length : 1;
    } else if (/\.(txt|tsv)$/.test(name)) readFileSync(full, 'utf8');
  }
};
walk(corpus);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, readFileSync(ntFile, 'utf8'));
process.stdout.write(`${records}\n`);
