// Types of secrets-scan.mjs, so that its tests (TypeScript) can import it.

export interface Secret {
  /** What is printed when it is found; the value never is. */
  label: string
  value: string
}
export interface Hit {
  label: string
  encoding: string
  offset: number
}
export interface ScanResult {
  findings: Array<Hit & { file: string }>
  scanned: number
  unreadable: Array<{ file: string; reason: string }>
}

export declare const SUITE_TEMP_PREFIX: string
export declare const MIN_SECRET_LENGTH: number
export declare function needlesFor(secret: string): Array<{ encoding: string; needle: Buffer }>
export declare function scanBuffer(buffer: Buffer, secrets: Secret[]): Hit[]
export declare function scanFile(path: string, secrets: Secret[]): Hit[]
export declare function scanPaths(
  paths: string[],
  secrets: Secret[],
  options?: { exclude?: string[] },
): ScanResult
export declare function suiteLeftovers(options?: { since?: number; repo?: string; temp?: string }): string[]
export declare function brokerSecrets(state: unknown): { secrets: Secret[]; ownFolders: string[] }
export declare function report(result: ScanResult, options?: { what?: string }): boolean
