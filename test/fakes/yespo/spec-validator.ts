import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

/** The copy of Yespo's OpenAPI 3.0.1 spec kept next to the fake, so a clean clone needs nothing outside the repo. */
export const SPEC_PATH = fileURLToPath(new URL('./yespo-openapi.json', import.meta.url));

const SPEC_ID = 'yespo-openapi';

export interface BodyValidator {
  /** `null` when the body matches the schema, else ajv's errors as one line. */
  (body: unknown): string | null;
}

export interface SpecValidators {
  appTokens: BodyValidator;
  contact: BodyValidator;
  muteToken: BodyValidator;
  unmuteToken: BodyValidator;
  event: BodyValidator;
}

function int(bits: 32 | 64) {
  const max = bits === 32 ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
  return { type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n <= max && n >= -max - 1 };
}

let compiled: SpecValidators | undefined;

/** Compiled once per process: the benchmark pushes thousands of batches through the same validators. */
export function specValidators(): SpecValidators {
  if (compiled) return compiled;
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, { properties?: Record<string, { type?: string }> }> } };
  // The v2 EventParameter's value says `type: object` beside `oneOf: [String, Object]`, an artefact of
  // a Java `Object` field: taken literally it refuses every string value the docs' examples send.
  // The fake follows the oneOf.
  delete spec.components.schemas.EventParameter.properties?.value.type;
  // strict:false lets OpenAPI-only keywords (example, xml, nullable) through; the spec's own formats are
  // declared so Java's int32/int64 ranges are enforced instead of silently ignored.
  const ajv = new Ajv({ strict: false, allErrors: false, logger: false });
  ajv.addFormat('int32', int(32));
  ajv.addFormat('int64', int(64));
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });

  const validator = (schemaName: string): BodyValidator => {
    const validate: ValidateFunction = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${schemaName}` });
    return (body) => (validate(body) ? null : ajv.errorsText(validate.errors, { dataVar: 'body' }));
  };
  compiled = {
    appTokens: validator('AppTokens'),
    contact: validator('Contact'),
    muteToken: validator('MuteToken'),
    unmuteToken: validator('UnmuteToken'),
    event: validator('Event'),
  };
  return compiled;
}
