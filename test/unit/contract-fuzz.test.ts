import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { z } from 'zod'
import { createDispatcher } from '../../src/main/api-dispatch'
import { startWebHost, type WebHost } from '../../src/main/web/web-host'
import { decodeFrame, encodeFrame, type WireResponse } from '../../src/shared/wire'
import { apiSpec, type ApiHandlers } from '../../src/shared/api'
import { ApiError, type ApiIssue } from '../../src/shared/api-error'
import { API_METHOD_NAMES } from '../../src/shared/api-methods'
import {
  arbitraryOf,
  defOf,
  looseObjects,
  sitesOf,
  stringLimits,
  stringSchemaIn,
  unknownValues,
  withExtraKey,
  withValueAt,
  type Path,
} from '../support/zod-arbitrary'
import { testCore } from '../support/test-core'

/**
 * Every method of the contract, with fast-check: a valid request reaches the handler, and the same
 * request with one field of the wrong type, one required field left out, one string of 1–5 MB or
 * one key the schema does not know is refused before any handler runs, as `invalid_input`, with
 * the field's path in the error. The methods come from the contract itself, so a new one is covered
 * (or fails here for want of a schema) without editing this file.
 */

const MiB = 1024 * 1024
/**
 * Fields meant to carry a whole file: each has a declared limit above 5 MB, which the core enforces
 * again on what the file holds. Any other field that takes a 5 MB string fails this test.
 */
const BULK_FIELDS = new Set(['importProfiles:json', 'importHistory:text', 'importSavedPayloads:json'])
const RUNS = Number(process.env.CONTRACT_FUZZ_RUNS ?? 25)

type Schema = z.ZodType
const methods = [...API_METHOD_NAMES]
const inputOf = (m: string): Schema => (apiSpec as unknown as Record<string, { input: Schema }>)[m]!.input

/** The real dispatcher the core uses, over handlers that only record that they ran. */
function recordingDispatcher() {
  const calls: { method: string; input: unknown }[] = []
  const handlers = new Proxy({} as ApiHandlers, {
    get: (_t, method) => (input: unknown) => {
      calls.push({ method: String(method), input })
      return null
    },
  })
  return { invoke: createDispatcher(handlers, () => undefined), calls }
}

async function rejection(invoke: (m: string, i: unknown) => Promise<unknown>, m: string, input: unknown) {
  try {
    await invoke(m, input)
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect(e.code).toBe('invalid_input')
    expect(e.issues?.length).toBeGreaterThan(0)
    return e
  }
  throw new Error(`${m} accepted ${shown(input)}`)
}

function shown(v: unknown): string {
  const text = JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'string' && x.length > 80 ? `<${x.length} chars>` : x instanceof Uint8Array ? '<bytes>' : x,
  )
  return (text ?? String(v)).slice(0, 600)
}

const joined = (path: Path) => path.map(String).join('.')
/**
 * An issue names the field when its path is the field's, or lies inside it (an object where a
 * string belongs is refused on its own keys: `target.0`). The input as a whole has no name: any
 * issue names it.
 */
const names = (issues: ApiIssue[] | undefined, path: Path) =>
  path.length === 0
    ? (issues?.length ?? 0) > 0
    : issues?.some((i) => i.path === joined(path) || i.path.startsWith(`${joined(path)}.`))

/** A valid input of the method and the places in it a mutation can go. */
function baseOf(m: string) {
  return arbitraryOf(inputOf(m)).map((base) => {
    const sites = sitesOf(inputOf(m), base)
    // An absent optional input is the same request as an empty object: that is where keys go.
    if (base === undefined && inputOf(m).safeParse({}).success) sites.objects.push([])
    return { base, sites }
  })
}

const WRONG_TYPES: unknown[] = [12345, 'wrong type', true, { nested: 1 }, [1, 2], null, new Uint8Array([1])]
const jsType = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : v instanceof Uint8Array ? 'bytes' : typeof v

describe('the contract has a request schema for every method', () => {
  it('lists every method name with a zod input schema, and the generator knows every schema', () => {
    expect(methods.length).toBeGreaterThan(50)
    expect(Object.keys(apiSpec).sort()).toEqual([...methods].sort())
    for (const m of methods) {
      expect(inputOf(m), m).toBeInstanceOf(z.ZodType)
      expect(() => fc.sample(arbitraryOf(inputOf(m)), { numRuns: 3, seed: 1 }), m).not.toThrow()
    }
  })

  it('every object in every request is strict (unknown keys refused); records are the only open maps', () => {
    const loose = methods.flatMap((m) => looseObjects(inputOf(m)).map((p) => `${m}: ${p}`))
    expect(loose).toEqual([])
  })

  it('values taken as free JSON (AMQP arguments and headers) are the known few', () => {
    const free = methods.flatMap((m) => unknownValues(inputOf(m)).map((p) => `${m}: ${p}`))
    // Free JSON has no per-field limit: it is bounded by the transport (80 MB WebSocket frames) and
    // the broker (AMQP frame_max). A new such field must be added here on purpose.
    const allowed = /(^|\.)(arguments|headers)\{\}$/
    expect(free.filter((p) => !allowed.test(p.split(': ')[1]!))).toEqual([])
  })
})

describe.each(methods)('%s', (m) => {
  const schema = inputOf(m)

  it('a valid request reaches the handler, parsed', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryOf(schema), async (base) => {
        const { invoke, calls } = recordingDispatcher()
        await expect(invoke(m, base)).resolves.toBeNull()
        expect(calls).toEqual([{ method: m, input: schema.parse(base) }])
      }),
      { numRuns: RUNS },
    )
  })

  it('a field of the wrong type is refused, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(
        baseOf(m).chain(({ base, sites }) => {
          const targets = [
            { path: [] as Path, schema },
            ...sites.fields.filter((f) => defOf(f.schema).type !== 'unknown'),
          ]
          return fc.record({
            base: fc.constant(base),
            target: fc.constantFrom(...targets),
            pick: fc.nat(),
          })
        }),
        async ({ base, target, pick }) => {
          const current = target.path.length === 0 ? base : undefined
          const wrong = WRONG_TYPES.filter(
            (w) => !target.schema.safeParse(w).success && jsType(w) !== jsType(current),
          )
          fc.pre(wrong.length > 0)
          const input = withValueAt(base, target.path, wrong[pick % wrong.length])
          const { invoke, calls } = recordingDispatcher()
          const err = await rejection(invoke, m, input)
          expect(names(err.issues, target.path), `${joined(target.path)} in ${shown(err.issues)}`).toBe(true)
          expect(calls).toEqual([])
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('a required field left out is refused, naming the field', async () => {
    const required = fc
      .sample(baseOf(m), { numRuns: 20, seed: 7 })
      .some((b) => b.sites.fields.some((f) => f.required))
    if (!required) return // nothing in this request is required (every field has a default)
    await fc.assert(
      fc.asyncProperty(
        baseOf(m)
          .filter(({ sites }) => sites.fields.some((f) => f.required))
          .chain(({ base, sites }) =>
            fc.record({
              base: fc.constant(base),
              target: fc.constantFrom(...sites.fields.filter((f) => f.required)),
            }),
          ),
        async ({ base, target }) => {
          const input = withValueAt(base, target.path, undefined, true)
          const { invoke, calls } = recordingDispatcher()
          const err = await rejection(invoke, m, input)
          expect(names(err.issues, target.path), `${joined(target.path)} in ${shown(err.issues)}`).toBe(true)
          expect(calls).toEqual([])
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('a string of 1–5 MB is refused, naming the field (bulk file fields excepted)', async () => {
    const hasStrings = fc
      .sample(baseOf(m), { numRuns: 20, seed: 7 })
      .some((b) => b.sites.fields.some((f) => stringSchemaIn(f.schema)))
    if (!hasStrings) return
    await fc.assert(
      fc.asyncProperty(
        baseOf(m)
          .filter(({ sites }) => sites.fields.some((f) => stringSchemaIn(f.schema)))
          .chain(({ base, sites }) =>
            fc.record({
              base: fc.constant(base),
              target: fc.constantFrom(...sites.fields.filter((f) => stringSchemaIn(f.schema))),
              // Limits count code points; 1 Mi + 1 of them is 1 to 4 MB of UTF-8, 5 Mi bytes at most.
              char: fc.constantFrom('x', 'é', '€', '😀', ' '),
              size: fc.double({ min: 0, max: 1, noNaN: true }),
            }),
          ),
        async ({ base, target, char, size }) => {
          const most = Math.floor((5 * MiB) / new TextEncoder().encode(char).length)
          const codePoints = MiB + 1 + Math.floor(size * (most - MiB - 1))
          const huge = char.repeat(codePoints)
          const input = withValueAt(base, target.path, huge)
          const { invoke, calls } = recordingDispatcher()
          const limit = stringLimits(stringSchemaIn(target.schema)!).max
          if (limit !== null && limit >= codePoints) {
            expect(BULK_FIELDS, `${m}.${joined(target.path)} takes ${codePoints} characters`).toContain(
              `${m}:${joined(target.path)}`,
            )
            return
          }
          const err = await rejection(invoke, m, input)
          expect(names(err.issues, target.path), `${joined(target.path)} in ${shown(err.issues)}`).toBe(true)
          expect(calls).toEqual([])
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    )
  })

  it('an unknown key is refused, naming it', async () => {
    const hasObjects = fc.sample(baseOf(m), { numRuns: 20, seed: 7 }).some((b) => b.sites.objects.length > 0)
    if (!hasObjects) return
    await fc.assert(
      fc.asyncProperty(
        baseOf(m)
          .filter(({ sites }) => sites.objects.length > 0)
          .chain(({ base, sites }) =>
            fc.record({
              base: fc.constant(base),
              at: fc.constantFrom(...sites.objects),
              key: fc.oneof(
                fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'id'),
                fc.string({ minLength: 1, maxLength: 12 }),
              ),
              value: fc.jsonValue({ maxDepth: 1 }),
            }),
          )
          .filter(({ base, at, key }) => {
            let node = base as Record<string, unknown> | undefined
            for (const k of at)
              node = (node as Record<string | number, unknown>)[k] as Record<string, unknown>
            return (
              !Object.prototype.hasOwnProperty.call(node ?? {}, key) && !declaredKey(schema, base, at, key)
            )
          }),
        async ({ base, at, key, value }) => {
          const input = withExtraKey(base, at, key, value)
          const { invoke, calls } = recordingDispatcher()
          const err = await rejection(invoke, m, input)
          const named = err.issues!.some(
            (i) =>
              (at.length === 0 ? i.path === key || i.path === '' : i.path === joined(at)) &&
              i.message.includes(key),
          )
          expect(named, `${key} at ${joined(at)} in ${shown(err.issues)}`).toBe(true)
          expect(calls).toEqual([])
        },
      ),
      { numRuns: RUNS },
    )
  })
})

/** Whether `key` is a declared (optional, left-out) field of the object at `at` in `base`. */
function declaredKey(schema: Schema, base: unknown, at: Path, key: string): boolean {
  const objectSchema = schemaAt(schema, base, at)
  const d = objectSchema && defOf(objectSchema)
  return d?.type === 'object' && Object.prototype.hasOwnProperty.call(d.shape as object, key)
}

function schemaAt(schema: Schema, value: unknown, path: Path): Schema | null {
  const d = defOf(schema)
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return schemaAt(d.innerType as Schema, value, path)
    case 'pipe':
      return schemaAt(d.in as Schema, value, path)
    case 'union': {
      const o = (d.options as Schema[]).find((x) => x.safeParse(value).success)
      return o ? schemaAt(o, value, path) : null
    }
  }
  if (path.length === 0) return schema
  const [head, ...rest] = path
  const child = (value as Record<string | number, unknown>)[head!]
  if (d.type === 'object') return schemaAt((d.shape as Record<string, Schema>)[head as string]!, child, rest)
  if (d.type === 'array') return schemaAt(d.element as Schema, child, rest)
  if (d.type === 'tuple') return schemaAt((d.items as Schema[])[head as number]!, child, rest)
  if (d.type === 'record') return schemaAt(d.valueType as Schema, child, rest)
  return null
}

/**
 * The same refusals through the path the renderer uses in a browser: a real web host, a real
 * WebSocket, the real core. Each comes back as an error object naming the field; the socket stays
 * open and the core goes on serving; nothing a refused request asked for happened.
 */
describe("bad requests over the web host's WebSocket", () => {
  let ctx: ReturnType<typeof testCore>
  let host: WebHost
  let ws: WebSocket
  let nextId = 1
  const waiting = new Map<number, (r: WireResponse) => void>()

  beforeAll(async () => {
    ctx = testCore()
    const rendererDir = join(ctx.dataDir, 'renderer')
    mkdirSync(rendererDir, { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Brokerlens</title>')
    host = await startWebHost({
      core: ctx.core,
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      log: () => undefined,
    })
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, {
        origin: `http://127.0.0.1:${host.port}`,
      })
      socket.once('open', () => resolve(socket))
      socket.once('error', reject)
    })
    ws.on('message', (data) => {
      const frame = decodeFrame(data.toString()) as WireResponse | { event: unknown }
      if ('id' in frame) waiting.get(frame.id)?.(frame)
    })
  })
  afterAll(async () => {
    ws.close()
    await host.close()
    await ctx.dispose()
  })

  const call = (method: string, input: unknown) =>
    new Promise<WireResponse>((resolve) => {
      const id = nextId++
      waiting.set(id, (r) => {
        waiting.delete(id)
        resolve(r)
      })
      ws.send(encodeFrame({ id, method, input }))
    })
  const refused = async (method: string, input: unknown, path: string) => {
    const r = await call(method, input)
    expect(r.ok, `${method} ${path}`).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('invalid_input')
    expect(
      r.error.issues?.some((i) => i.path === path || i.path.startsWith(`${path}.`)),
      JSON.stringify(r.error),
    ).toBe(true)
    expect(ws.readyState).toBe(WebSocket.OPEN)
  }

  it('each kind of bad request is an error frame naming the field; the socket and the core carry on', async () => {
    const mqtt = { protocol: 'mqtt', name: 'probe', host: '127.0.0.1' }
    await refused('createProfile', { config: { ...mqtt, port: 'eighteen' } }, 'config.port')
    await refused('createProfile', { config: { protocol: 'mqtt', name: 'probe' } }, 'config.host')
    await refused('createProfile', { config: { ...mqtt, name: 'n'.repeat(3 * MiB) } }, 'config.name')
    await refused('createProfile', { config: { ...mqtt, isAdmin: true } }, 'config')
    await refused('getProfile', { id: 'abc', extra: 1 }, 'extra')
    await refused(
      'publish',
      {
        profileId: 'abc',
        target: { protocol: 'mqtt', topic: 't'.repeat(2 * MiB) },
        payload: new Uint8Array([1, 2, 3]),
      },
      'target.topic',
    )
    await refused(
      'publish',
      { profileId: 'abc', target: { protocol: 'mqtt', topic: 't' }, payload: 'not bytes' },
      'payload',
    )
    await refused('subscribe', { profileId: 'abc', subscription: { filter: 'a/#/b' } }, 'subscription.filter')
    await refused('queryHistory', { filter: { profileId: 'abc', qos: 7 } }, 'filter.qos')

    // Nothing of the refused requests happened, and the core still serves.
    const listed = await call('listProfiles', undefined)
    expect(listed).toMatchObject({ ok: true, result: [] })
    const created = await call('createProfile', { config: mqtt })
    expect(created).toMatchObject({ ok: true, result: { config: { name: 'probe' } } })
    expect(await call('listProfiles', undefined)).toMatchObject({
      ok: true,
      result: [{ config: { name: 'probe' } }],
    })
  })

  it('generated mutations of every kind, over the socket, are refused naming the field', async () => {
    const sample = [
      'createProfile',
      'publish',
      'startReplay',
      'createSavedPayload',
      'browseKafka',
      'settleAmqp',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sample).chain((m) =>
          baseOf(m)
            .filter(({ sites }) => sites.fields.some((f) => f.required))
            .chain(({ base, sites }) =>
              fc.record({
                m: fc.constant(m),
                base: fc.constant(base),
                target: fc.constantFrom(...sites.fields.filter((f) => f.required)),
                how: fc.constantFrom('remove', 'wrong', 'huge'),
              }),
            ),
        ),
        async ({ m, base, target, how }) => {
          const wrong = WRONG_TYPES.find((w) => !target.schema.safeParse(w).success)
          const input =
            how === 'remove'
              ? withValueAt(base, target.path, undefined, true)
              : how === 'wrong' || !stringSchemaIn(target.schema)
                ? withValueAt(base, target.path, wrong)
                : withValueAt(base, target.path, 'x'.repeat(MiB + 1))
          await refused(m, input, joined(target.path))
        },
      ),
      { numRuns: 20 },
    )
    expect(await call('getAppInfo', undefined)).toMatchObject({ ok: true, result: { host: 'web' } })
  })
})
