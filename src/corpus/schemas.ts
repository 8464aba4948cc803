// JSON Schema validators of the curated YAML records (corpus/schema/*.schema.json).
//
// Compiling the eleven schemas with Ajv costs a good part of a cold build (bench/results.md), so `npm ci` (the
// `prepare` script) also compiles them ahead of time into standalone code (Ajv's documented way to cut start-up
// time):
// dist/generated/schema-validators.cjs, stamped with a fingerprint of the schemas it was made from. A build uses
// those validators only when the fingerprint matches the schemas it has just read; otherwise (schemas edited, a
// corpus of one's own, the file not generated) it compiles them with Ajv as before. Both give the same errors
// (test/corpus/schemas.test.ts).

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

/** The Ajv options of both paths: the generated code must be what compiling here would give. */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

/** Where `npm run compile-schemas` writes the standalone validators, relative to this module in dist/. */
export const PRECOMPILED_MODULE = '../../generated/schema-validators.cjs';

const require = createRequire(import.meta.url);

/** Identifies a set of schemas by name and content (key order included: Ajv's errors follow it). */
export function fingerprint(schemas: Record<string, object>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(schemas).sort()) hash.update(`${name}\u0000${JSON.stringify(schemas[name])}\u0000`);
  return hash.digest('hex');
}

export interface Precompiled {
  fingerprint: string;
  validators: Record<string, ValidateFunction>;
}

/** The generated validators, or undefined when they were not generated (or cannot be loaded). */
export function loadPrecompiled(): Precompiled | undefined {
  try {
    const mod = require(PRECOMPILED_MODULE) as { fingerprint?: unknown; validators?: Record<string, ValidateFunction> };
    return typeof mod.fingerprint === 'string' && mod.validators
      ? { fingerprint: mod.fingerprint, validators: mod.validators }
      : undefined;
  } catch {
    return undefined;
  }
}

type AjvInstance = import('ajv/dist/2020.js').Ajv2020;

/** A new Ajv (draft 2020-12) holding `schemas` by file name, so they can refer to each other; loaded on demand. */
export function ajvWith(schemas: Record<string, object>, extra: Record<string, unknown> = {}): AjvInstance {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
  return ajv;
}

/** One validator per schema file of a corpus: the precompiled one when it was made from these schemas. */
export class SchemaSet {
  private readonly precompiled: Precompiled | undefined;
  private ajv: AjvInstance | undefined;
  private readonly validators = new Map<string, ValidateFunction>();

  /** `precompiled`: the generated validators (default: loaded from dist/generated), or null to compile here. */
  constructor(
    private readonly schemas: Record<string, object>,
    precompiled: Precompiled | null | undefined = loadPrecompiled(),
  ) {
    this.precompiled = precompiled && precompiled.fingerprint === fingerprint(schemas) ? precompiled : undefined;
  }

  /** `precompiled` when the generated validators are used, `compiled` when Ajv compiles the schemas here. */
  get origin(): 'precompiled' | 'compiled' {
    return this.precompiled ? 'precompiled' : 'compiled';
  }

  validator(name: string): ValidateFunction {
    let v = this.validators.get(name) ?? this.precompiled?.validators[name];
    if (!v) {
      this.ajv ??= ajvWith(this.schemas);
      v = this.ajv.getSchema(name);
      if (!v) throw new Error(`no schema named ${name}`);
    }
    this.validators.set(name, v);
    return v;
  }
}
