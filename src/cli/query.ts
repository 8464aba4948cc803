import type { Command } from 'commander';
import type { Io } from './io.js';

/** The `query` command (see src/query). */
export function registerQueryCommand(_p: Command, _io: Io): void {}
