import { ApiError, ApiErrorCode, ApiIssue } from '../../../shared/api-error'
import { apiSpec, type ApiMethod } from '../../../shared/api'

/**
 * Turns whatever a transport rejected with into an ApiError. Errors coming through the preload are
 * plain Errors carrying `code`, `message` and `issues`; anything else becomes `internal`.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; issues?: unknown }
    const message = typeof e.message === 'string' ? e.message : String(err)
    const code = ApiErrorCode.safeParse(e.code)
    const issues = ApiIssue.array().safeParse(e.issues)
    return new ApiError(
      code.success ? code.data : 'internal',
      message,
      issues.success ? issues.data : undefined,
    )
  }
  return new ApiError('internal', String(err))
}

/** Checks a method's result against the contract; a host that answers something else is a bug there. */
export function parseResult<M extends ApiMethod>(method: M, result: unknown): unknown {
  const parsed = apiSpec[method].output.safeParse(result)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const where = first ? ` (${first.path.map(String).join('.') || 'result'}: ${first.message})` : ''
    throw new ApiError('internal', `The Brokerlens host sent an invalid result for ${method}${where}`)
  }
  return parsed.data
}

export const isApiMethod = (m: string): m is ApiMethod => Object.prototype.hasOwnProperty.call(apiSpec, m)
