import { ApiError } from '../shared/api-error'
import { apiSpec, type ApiHandlers, type ApiMethod } from '../shared/api'

const isMethod = (m: string): m is ApiMethod => Object.prototype.hasOwnProperty.call(apiSpec, m)

/**
 * The one entry point both transports call: checks the method name, validates the input against
 * the contract (naming the offending field), runs the handler, and turns every failure into an
 * ApiError so that no stack trace or internal detail crosses the boundary by accident.
 */
export function createDispatcher(handlers: ApiHandlers, log: (msg: string) => void = console.error) {
  return async function invoke(method: string, input: unknown, clientId = 'local'): Promise<unknown> {
    if (typeof method !== 'string' || !isMethod(method)) {
      throw new ApiError('not_found', `Unknown API method: ${String(method).slice(0, 64)}`)
    }
    const parsed = apiSpec[method].input.safeParse(input)
    if (!parsed.success) throw ApiError.fromZod(parsed.error, `input to ${method}`)
    try {
      const handler = handlers[method] as (i: unknown, ctx: { clientId: string }) => unknown
      return await handler(parsed.data, { clientId })
    } catch (err) {
      if (err instanceof ApiError) throw err
      log(`[api] ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      throw new ApiError('internal', err instanceof Error ? err.message : String(err))
    }
  }
}
