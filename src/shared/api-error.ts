import { z } from 'zod'

/** Errors that cross the API. `issues` names each offending field for forms to show in place. */
export const ApiErrorCode = z.enum(['invalid_input', 'not_found', 'conflict', 'unavailable', 'internal'])
export type ApiErrorCode = z.infer<typeof ApiErrorCode>

export const ApiIssue = z.strictObject({ path: z.string(), message: z.string() })
export type ApiIssue = z.infer<typeof ApiIssue>

export const ApiErrorPayload = z.strictObject({
  code: ApiErrorCode,
  message: z.string(),
  issues: z.array(ApiIssue).optional(),
})
export type ApiErrorPayload = z.infer<typeof ApiErrorPayload>

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toPayload(): ApiErrorPayload {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }

  static fromPayload(p: ApiErrorPayload): ApiError {
    return new ApiError(p.code, p.message, p.issues)
  }

  static fromZod(error: z.ZodError, what: string): ApiError {
    const issues = error.issues.map((i) => ({
      path: i.path.map(String).join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(',') : ''),
      message: i.message,
    }))
    const first = issues[0]
    const where = first?.path ? ` (${first.path}: ${first.message})` : first ? ` (${first.message})` : ''
    return new ApiError('invalid_input', `Invalid ${what}${where}`, issues)
  }
}
