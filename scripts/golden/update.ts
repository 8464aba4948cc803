// Rewrites the golden files from the current build. Run it only on purpose (`npm run golden:update`) and read the
// diff (`git diff test/golden`) before committing.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesOf } from '../../test/build-fixture.js';
import {
  canonicalSubgraph,
  GOLDEN_NQUADS_PREFIXES,
  GOLDEN_TURTLE_SUBJECTS,
  goldenName,
  turtleBlock,
} from '../../test/golden.js';
import { ROOT } from '../../test/helpers.js';

const dir = join(ROOT, 'test/golden');
mkdirSync(dir, { recursive: true });
const files = await filesOf();
for (const s of GOLDEN_TURTLE_SUBJECTS)
  writeFileSync(join(dir, `${goldenName(s)}.ttl`), turtleBlock(files.get('stalin-letters.ttl')!, s));
for (const p of GOLDEN_NQUADS_PREFIXES)
  writeFileSync(join(dir, `${goldenName(p)}.nq`), await canonicalSubgraph(files.get('stalin-letters.nt')!, p));
console.log(`golden files written to ${dir}; review them with git diff test/golden`);
