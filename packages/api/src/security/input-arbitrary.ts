/**
 * fast-check arbitraries for procedure inputs: values shaped by the input's zod schema (through
 * its JSON Schema), sometimes holding real ids, with hostile values mixed in at any depth —
 * wrong types, nulls, NaN, huge and malformed strings, prototype keys.
 */
import fc from 'fast-check';
import { z } from 'zod';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Strings that break naive code: control and format characters, lone surrogates, markup, SQL/FTS syntax. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  'a\u202Eb',
  '\u200B\uFEFF',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '<script>alert(1)</script>',
  '"; DROP TABLE users; --',
  'NEAR(a b) AND "x',
  'claude-opus*',
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  '1e309',
  '-0',
];

/** Any value at all, biased towards the ones that crash servers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, Number.NaN, Infinity, -Infinity, -1, 0, 2 ** 53, -0),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(1_000_001)),
  fc.boolean(),
  fc.double(),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}')),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.date({ noInvalidDate: false }),
);

function idLike(ids: readonly string[]): fc.Arbitrary<string> {
  return ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid();
}

function stringFor(schema: JsonSchema, key: string, ids: readonly string[]): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 200);
  const plain = fc.string({ minLength, maxLength, unit: 'grapheme' });
  let shaped: fc.Arbitrary<string> = plain;
  if (schema.format === 'email') shaped = fc.emailAddress();
  else if (schema.format === 'uri') shaped = fc.webUrl();
  else if (schema.pattern !== undefined) shaped = fc.stringMatching(new RegExp(schema.pattern));
  const candidates: fc.Arbitrary<string>[] = [shaped, shaped, fc.constantFrom(...NASTY_STRINGS)];
  if (/id$/i.test(key) || /Ids?$/.test(key) || key === 'token')
    candidates.push(idLike(ids), idLike(ids));
  return fc.oneof(...candidates);
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1e6) + (integer ? 1 : 0);
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1e6) - (integer ? 1 : 0);
  return integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })
    : fc.double({ min, max, noNaN: true });
}

/** A value shaped like `schema`: valid much of the time, hostile some of the time at every level. */
function shaped(
  schema: JsonSchema,
  key: string,
  ids: readonly string[],
  depth: number,
): fc.Arbitrary<unknown> {
  const exact = exactShape(schema, key, ids, depth);
  return depth > 3
    ? exact
    : fc.oneof({ arbitrary: exact, weight: 6 }, { arbitrary: hostileValue, weight: 1 });
}

function exactShape(
  schema: JsonSchema,
  key: string,
  ids: readonly string[],
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((s) => shaped(s, key, ids, depth + 1)));
  if (schema.allOf?.[0]) return shaped(schema.allOf[0], key, ids, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema, key, ids);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(shaped(schema.items ?? {}, key, ids, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 8),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([name, s]) => [name, shaped(s, name, ids, depth + 1)]),
        ),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      );
      const extra =
        typeof schema.additionalProperties === 'object'
          ? fc.dictionary(
              fc.string({ maxLength: 10 }),
              shaped(schema.additionalProperties, key, ids, depth + 1),
              {
                maxKeys: 4,
              },
            )
          : fc.constant({});
      return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
    }
    default:
      return hostileValue;
  }
}

/** Inputs for a procedure whose input parsers are `parsers` (none = it takes no input). */
export function inputArbitrary(
  parsers: readonly unknown[],
  ids: readonly string[],
): fc.Arbitrary<unknown> {
  const parser = parsers[0];
  if (!(parser instanceof z.ZodType)) return fc.oneof(fc.constant(undefined), hostileValue);
  const schema = z.toJSONSchema(parser, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fc.oneof(
    { arbitrary: shaped(schema, '', ids, 0), weight: 5 },
    { arbitrary: hostileValue, weight: 1 },
  );
}
