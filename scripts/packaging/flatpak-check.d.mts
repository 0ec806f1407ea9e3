// Types of flatpak-check.mjs, so that the packaging tests (TypeScript) can import it.

/** One flatpak-builder source, as the manifest or a generated sources file holds it. */
export interface FlatpakSource {
  type?: string
  url?: string
  path?: string
  dest?: string
  'dest-filename'?: string
  'only-arches'?: string[]
  sha256?: string
  sha512?: string
  contents?: string
  commit?: string
  [key: string]: unknown
}

export interface PackagingPaths {
  root: string
  manifest: string
  desktop: string
  metainfo: string
  icons: string
  builderConfig: string
  lock: string
  packageJson: string
  electronDir: string
}

export interface CheckResult {
  errors: string[]
  notices: string[]
  pending?: string[]
}

export interface CheckGroup {
  name: string
  errors: string[]
  notices: string[]
  pending: string[]
}

export declare const APP_ID: string
export declare const ICON_SIZES: number[]
export declare const EXPECTED_RUNTIME: Record<string, string>
export declare const NODE_EXTENSION: string
export declare const REQUIRED_FINISH_ARGS: string[]
export declare const ALLOWED_FINISH_ARGS: string[]
export declare const FORBIDDEN_FINISH_ARGS: Record<string, string>
export declare const VALIDATOR_PACKAGES: Record<string, string>

export declare function packagingPaths(root: string): PackagingPaths
export declare function ensureValidators(options?: {
  install?: boolean
  log?: (message: string) => void
}): string[]
export declare function validatorsMissingMessage(missing: string[]): string
export declare function parseDesktopEntry(text: string): Record<string, string>
export declare function checkDesktopFile(path: string, expect: { command: unknown }): CheckResult
export declare function checkMetainfo(
  path: string,
  expect: { command: unknown; version: string; license: string; root: string },
): CheckResult
export declare function pngSize(path: string): { width: number; height: number }
export declare function checkIcons(dir: string): CheckResult
export declare function checkNpmSources(sources: FlatpakSource[], lock: unknown): string[]
export declare function checkElectronSources(
  sources: FlatpakSource[],
  lock: unknown,
  electronDir: string,
  options?: { release?: boolean },
): CheckResult
export declare function checkManifest(
  manifest: Record<string, unknown>,
  manifestPath: string,
  options: { executableName: string },
): CheckResult & { sources: FlatpakSource[] }
export declare function runFlatpakCheck(
  paths: PackagingPaths,
  options?: { release?: boolean },
): { ok: boolean; groups: CheckGroup[] }
