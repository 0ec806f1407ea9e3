// Types of electron-sources.mjs, so that the packaging tests (TypeScript) can import it.
import type { FlatpakSource } from './flatpak-check.mjs'

export declare const ELECTRON_ARCHES: Record<string, string>
export declare const ELECTRON_DIST_DIR: string
export declare const ELECTRON_HEADERS_DIR: string
export declare function electronZipName(version: string, electronArch: string): string
export declare function electronZipUrl(version: string, electronArch: string): string
export declare function electronHeadersUrl(version: string): string
export declare function lockedElectronVersion(lock: unknown): string
export declare function readElectronChecksums(electronDir: string, version: string): Record<string, string>
export declare function electronZipSources(
  version: string,
  checksums: Record<string, string>,
): FlatpakSource[]
export declare function electronHeadersSource(version: string, sha256: string): FlatpakSource
export declare function sha256OfUrl(url: string, timeoutMs?: number): Promise<string>
