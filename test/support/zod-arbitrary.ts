import fc from 'fast-check'
import type { z } from 'zod'
import { Bytes } from '../../src/shared/messages'

/**
 * fast-check values for a zod 4 schema, read from the schema's own definition, so that a test over
 * the API contract follows the contract as it changes. Only the kinds of schema the contract uses
 * are known here: any other throws, so that a new kind is noticed rather than skipped.
 */

type Schema = z.ZodType
type Check = { check: string; [key: string]: unknown }
interface Def {
  type: string
  checks?: { _zod: { def: Check } }[]
  [key: string]: unknown
}

export function defOf(schema: Schema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

const checksOf = (schema: Schema): Check[] => (defOf(schema).checks ?? []).map((c) => c._zod.def)

export interface StringLimits {
  min: number
  /** null: no declared maximum. */
  max: number | null
  patterns: RegExp[]
  /** A refine or superRefine runs on it, which a generator cannot read. */
  refined: boolean
}

export function stringLimits(schema: Schema): StringLimits {
  const out: StringLimits = { min: 0, max: null, patterns: [], refined: false }
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length') out.min = Math.max(out.min, c.minimum as number)
    else if (c.check === 'max_length') out.max = Math.min(out.max ?? Infinity, c.maximum as number)
    else if (c.check === 'length_equals') out.min = out.max = c.length as number
    else if (c.check === 'string_format' && c.pattern instanceof RegExp) out.patterns.push(c.pattern)
    else if (c.check === 'custom') out.refined = true
  }
  return out
}

function numberLimits(schema: Schema): { int: boolean; min: number; max: number } {
  let int = false
  let min = -1e12
  let max = 1e12
  for (const c of checksOf(schema)) {
    if (c.check === 'number_format' && /int/.test(String(c.format))) int = true
    if (c.check === 'greater_than') min = Math.max(min, (c.value as number) + (c.inclusive ? 0 : 1e-9))
    if (c.check === 'less_than') max = Math.min(max, (c.value as number) - (c.inclusive ? 0 : 1e-9))
  }
  return { int, min, max }
}

// Values that pass common refinements (a topic, an empty URL, host:port), mixed into strings that a
// refinement checks, so that filtering for valid values does not starve.
const FRIENDLY = ['', 'a', 'home/temp', 'x.example:9092', 'http://127.0.0.1:15672', '#', 'ok']

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const { min, max, patterns, refined } = stringLimits(schema)
  const upper = Math.min(max ?? min + 24, min + 24)
  let arb: fc.Arbitrary<string> =
    patterns.length > 0
      ? fc.stringMatching(patterns[0]!)
      : fc.oneof(
          fc.string({ minLength: min, maxLength: upper }),
          // Multibyte text too: limits are in UTF-16 units, the protocols count UTF-8 bytes.
          fc.string({ minLength: min, maxLength: upper, unit: 'grapheme' }),
        )
  if (refined) arb = fc.oneof(arb, fc.constantFrom(...FRIENDLY))
  return arb
}

function numberArbitrary(schema: Schema): fc.Arbitrary<number> {
  const { int, min, max } = numberLimits(schema)
  if (int) return fc.integer({ min: Math.ceil(Math.max(min, -1e12)), max: Math.floor(Math.min(max, 1e12)) })
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

const cache = new WeakMap<Schema, fc.Arbitrary<unknown>>()

/** Values the schema accepts (refinements are met by filtering); `undefined` stands for "left out". */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  const known = cache.get(schema)
  if (known) return known
  const arb = rawArbitrary(schema).filter((v) => schema.safeParse(v).success)
  cache.set(schema, arb)
  return arb
}

function rawArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  const d = defOf(schema)
  switch (d.type) {
    case 'string':
      return stringArbitrary(schema)
    case 'number':
      return numberArbitrary(schema)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]))
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>))
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 })
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(arbitraryOf(d.innerType as Schema), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryOf(d.innerType as Schema), { nil: null })
    case 'pipe':
      return arbitraryOf(d.in as Schema)
    case 'union':
      return fc.oneof(...(d.options as Schema[]).map(arbitraryOf))
    case 'object': {
      const entries = Object.entries(d.shape as Record<string, Schema>)
      return fc.tuple(...entries.map(([, s]) => arbitraryOf(s))).map((values) => {
        const out: Record<string, unknown> = {}
        entries.forEach(([key], i) => {
          if (values[i] !== undefined) out[key] = values[i]
        })
        return out
      })
    }
    case 'array': {
      const { min, max } = stringLimits(schema) // arrays carry the same min_length/max_length checks
      return fc.array(arbitraryOf(d.element as Schema), {
        minLength: min,
        maxLength: Math.min(max ?? min + 3, min + 3),
      })
    }
    case 'tuple':
      return fc.tuple(...(d.items as Schema[]).map(arbitraryOf))
    case 'record':
      return fc.dictionary(
        arbitraryOf(d.keyType as Schema) as fc.Arbitrary<string>,
        arbitraryOf(d.valueType as Schema),
        { maxKeys: 3 },
      )
    case 'custom':
      if (schema === Bytes) return fc.uint8Array({ maxLength: 48 })
      throw new Error('No generator for this z.custom schema: teach test/support/zod-arbitrary.ts')
    default:
      throw new Error(`No generator for zod type "${d.type}": teach test/support/zod-arbitrary.ts`)
  }
}

export type Path = (string | number)[]

/** A place in a value where a field (or array element) is, with the schema it must meet. */
export interface FieldSite {
  path: Path
  schema: Schema
  /** An object's key that may not be left out. */
  required: boolean
  inObject: boolean
}

export interface Sites {
  fields: FieldSite[]
  /** Objects in the value (their path), where an extra key can go. */
  objects: Path[]
}

/** Every field, element and object of `value`, walked along `schema` (which must accept it). */
export function sitesOf(schema: Schema, value: unknown): Sites {
  const out: Sites = { fields: [], objects: [] }
  walk(schema, value, [], out)
  return out
}

function walk(schema: Schema, value: unknown, path: Path, out: Sites): void {
  const d = defOf(schema)
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      if (value !== undefined && value !== null) walk(d.innerType as Schema, value, path, out)
      return
    case 'pipe':
      return walk(d.in as Schema, value, path, out)
    case 'union': {
      const option = (d.options as Schema[]).find((o) => o.safeParse(value).success)
      if (option) walk(option, value, path, out)
      return
    }
    case 'object': {
      out.objects.push(path)
      const obj = value as Record<string, unknown>
      for (const [key, s] of Object.entries(d.shape as Record<string, Schema>)) {
        if (!Object.prototype.hasOwnProperty.call(obj, key)) continue
        out.fields.push({
          path: [...path, key],
          schema: s,
          required: !s.safeParse(undefined).success,
          inObject: true,
        })
        walk(s, obj[key], [...path, key], out)
      }
      return
    }
    case 'array':
    case 'tuple': {
      const items = value as unknown[]
      items.forEach((item, i) => {
        const s = d.type === 'array' ? (d.element as Schema) : (d.items as Schema[])[i]!
        out.fields.push({ path: [...path, i], schema: s, required: false, inObject: false })
        walk(s, item, [...path, i], out)
      })
      return
    }
    case 'record': {
      const obj = value as Record<string, unknown>
      for (const key of Object.keys(obj)) {
        out.fields.push({
          path: [...path, key],
          schema: d.valueType as Schema,
          required: false,
          inObject: false,
        })
        walk(d.valueType as Schema, obj[key], [...path, key], out)
      }
      return
    }
  }
}

/** The string schema inside optional/nullable/default/pipe/union wrappers, or null when none is. */
export function stringSchemaIn(schema: Schema): Schema | null {
  const d = defOf(schema)
  switch (d.type) {
    case 'string':
      return schema
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return stringSchemaIn(d.innerType as Schema)
    case 'pipe':
      return stringSchemaIn(d.in as Schema)
    case 'union':
      for (const o of d.options as Schema[]) {
        const s = stringSchemaIn(o)
        if (s) return s
      }
      return null
    default:
      return null
  }
}

/** Every object schema reachable from `schema` that accepts keys it does not declare, by path. */
export function looseObjects(schema: Schema, path = '', seen = new Set<Schema>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const d = defOf(schema)
  const inner = (s: unknown, p: string) => looseObjects(s as Schema, p, seen)
  switch (d.type) {
    case 'object': {
      const catchall = d.catchall as Schema | undefined
      const strict = catchall !== undefined && defOf(catchall).type === 'never'
      return [
        ...(strict ? [] : [path || '(input)']),
        ...Object.entries(d.shape as Record<string, Schema>).flatMap(([k, s]) =>
          inner(s, path ? `${path}.${k}` : k),
        ),
      ]
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return inner(d.innerType, path)
    case 'pipe':
      return inner(d.in, path)
    case 'union':
      return (d.options as Schema[]).flatMap((o) => inner(o, path))
    case 'array':
      return inner(d.element, `${path}[]`)
    case 'tuple':
      return (d.items as Schema[]).flatMap((s, i) => inner(s, `${path}[${i}]`))
    case 'record':
      return inner(d.valueType, `${path}{}`)
    default:
      return []
  }
}

/** Paths (as above) of values a schema takes as `z.unknown()`: JSON of any size and shape. */
export function unknownValues(schema: Schema, path = '', seen = new Set<Schema>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const d = defOf(schema)
  const inner = (s: unknown, p: string) => unknownValues(s as Schema, p, seen)
  switch (d.type) {
    case 'unknown':
    case 'any':
      return [path]
    case 'object':
      return Object.entries(d.shape as Record<string, Schema>).flatMap(([k, s]) =>
        inner(s, path ? `${path}.${k}` : k),
      )
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return inner(d.innerType, path)
    case 'pipe':
      return inner(d.in, path)
    case 'union':
      return (d.options as Schema[]).flatMap((o) => inner(o, path))
    case 'array':
      return inner(d.element, `${path}[]`)
    case 'tuple':
      return (d.items as Schema[]).flatMap((s, i) => inner(s, `${path}[${i}]`))
    case 'record':
      return inner(d.valueType, `${path}{}`)
    default:
      return []
  }
}

/** A deep copy with the value at `path` replaced (or removed, for `undefined` with `remove`). */
export function withValueAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value
  const copy = structuredClone(root) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (remove) delete node[last]
  else if (last === '__proto__') Object.defineProperty(node, last, { value, enumerable: true })
  else node[last] = value
  return copy
}

/** A deep copy with an extra own key in the object at `path` (defined, so "__proto__" is a key too). */
export function withExtraKey(root: unknown, path: Path, key: string, value: unknown): unknown {
  const copy = structuredClone(root ?? {}) as Record<string | number, unknown>
  let node = copy
  for (const k of path) node = node[k] as Record<string | number, unknown>
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
  return copy
}
