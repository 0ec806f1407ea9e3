import type { FieldErrors, ProfileDraft } from './profile-draft'
import type { SecretProps } from './TlsFields'

/** What each protocol's sections get from the editor. */
export interface FormProps<D extends ProfileDraft> extends SecretProps {
  draft: D
  update: (patch: Partial<D>) => void
  errors: FieldErrors
  /** True when creating: the name field takes the focus. */
  creating: boolean
}

/** `data-testid` of a field: `field-<path with dots as dashes>`. */
export const tid = (path: string) => `field-${path.replace(/\./g, '-')}`
