#!/usr/bin/env -S node --interrupt-budget=1000000
// The program as a shell starts it (package.json's bin, `npm run build`): a `build` or `validate` goes to this
// package's daemon when one runs (`stalin-letters-lod daemon start`, daemon.ts); anything else, and everything when
// none runs, to the CLI in this process (main.ts), loaded only then, so that asking the daemon costs no more than
// Node's start.

import { PACKAGE_ROOT } from '../core/package.js';
import { runInDaemon } from './daemon-client.js';
import { endQuietlyWhenStdoutCloses, processIo } from './io.js';

endQuietlyWhenStdoutCloses();
const argv = process.argv.slice(2);
const code = await runInDaemon(argv, PACKAGE_ROOT, processIo());
if (code !== undefined) process.exitCode = code;
else await (await import('./main.js')).runHere(argv);
