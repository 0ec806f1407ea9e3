// Types of yaml-subset.mjs, so that the packaging tests (TypeScript) can import it.

export declare function parseYaml(text: string, source?: string): unknown

export declare class YamlSyntaxError extends Error {
  constructor(source: string, line: number, message: string)
  readonly line: number
}
