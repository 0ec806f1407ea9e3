import type { ChangeEvent } from 'react'

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string

/**
 * The value, change handler and error of text inputs bound to keys of a form draft: the target
 * forms hold a dozen such fields, each of which would otherwise spell out the same three props.
 */
export function fieldBinder<D>(
  draft: D,
  errors: Record<string, string>,
  onChange: (patch: Partial<D>) => void,
) {
  return <K extends TextKeys<D>>(key: K) => ({
    value: draft[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange({ [key]: e.currentTarget.value } as Partial<D>),
    error: errors[key],
  })
}
