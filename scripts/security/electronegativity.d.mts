// Types of electronegativity.mjs, so that its tests (TypeScript) can import it.

export interface Finding {
  id: string
  severity: string
  confidence: string
  /** Relative to the scanned folder, with `/`; empty for a finding about the whole app. */
  file: string
  location: string
  line: number
  column: number
  sample: string
  description: string
  url: string
}

export interface AcceptedRule {
  file: string
  line: RegExp
  ids: string[]
  reason: string
}

export declare const SCANNED: string[]
export declare const EXCLUDED_CHECKS: Record<string, string>
export declare const ACCEPTED: AcceptedRule[]
export declare function stageSources(stage: string, repo?: string): string[]
export declare function windowOptionsProbe(mainWindowSource: string): string
export declare function cspHeaderProbe(cspSource: string): string
export declare function readPolicy(cspSource: string): string
export declare function runScanner(dir: string): {
  findings: Finding[]
  parseErrors: string[]
  output: string
}
export declare function parseReport(text: string): Finding[]
export declare function parseCsv(text: string): string[][]
export declare function judge(
  findings: Finding[],
  lineOf: (file: string, line: number) => string | undefined,
  accepted?: AcceptedRule[],
): {
  failures: Finding[]
  accepted: Array<Finding & { reason: string }>
  others: Finding[]
}
export declare const STRICT_CHECKS: string[]
