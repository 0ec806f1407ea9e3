// Types of npm-lock.mjs, so that the packaging tests (TypeScript) can import it.

export interface LockedPackage {
  /** Its place in the lock, e.g. node_modules/@babel/core */
  path: string
  name: string
  version: string
  integrity: string
  url: string
}

export declare const NPM_REGISTRY: string
export declare function registryTarballUrl(name: string, version: string): string
export declare function lockedPackages(lock: unknown): LockedPackage[]
export declare function withResolvedUrls<T>(lock: T): T
export declare function integrityToHex(integrity: string): { algorithm: string; hex: string }
