// Types of audit.mjs, so that its tests (TypeScript) can import it.

export interface Advisory {
  id: string
  package: string
  severity: string
  title: string
  url: string
  range: string
  fixAvailable: boolean
}
export interface AllowlistEntry {
  id: string
  package: string
  reason: string
}

export declare const ALLOWLIST_FILE: string
export declare const SHIPPED_DEV_PACKAGES: string[]
export declare function runNpmAudit(
  args: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv },
): { ok: true; report: unknown } | { ok: false; reason: string }
export declare function advisoriesOf(report: unknown, options?: { only?: string[] }): Advisory[]
export declare function readAllowlist(text: string): AllowlistEntry[]
export declare function judgeAdvisories(
  advisories: Advisory[],
  allowlist: AllowlistEntry[],
): {
  failures: Advisory[]
  accepted: Array<Advisory & { reason: string }>
  others: Advisory[]
  stale: AllowlistEntry[]
}
export declare function banner(lines: string[]): string
export declare function main(
  argv?: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; allowlistFile?: string },
): number
