import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A mounted file system of a few megabytes, for tests that need the disk to run full. */
export interface SmallFilesystem {
  /** Where it is mounted: a fresh folder under the OS temp dir. */
  readonly path: string
  readonly kind: 'tmpfs' | 'ext4 image'
  /** Bytes an unprivileged write could still take. */
  free(): number
  /** Takes all but `leave` bytes of the free space with one file; `release()` deletes it. */
  fill(leave: number): { bytes: number; release(): void }
  unmount(): void
}

const run = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim()
    throw new Error(`${cmd} ${args.join(' ')}: ${stderr || (err as Error).message}`)
  }
}

/**
 * Mounts a `bytes`-sized tmpfs (or, where tmpfs cannot be mounted, a loop-mounted ext4 image).
 * Needs root, or CAP_SYS_ADMIN. Throws with both reasons when neither works: a test that needs a
 * full disk must fail, not pass without one.
 */
export function mountSmallFilesystem(bytes: number): SmallFilesystem {
  const path = mkdtempSync(join(tmpdir(), 'brokerlens-small-fs-'))
  let kind: SmallFilesystem['kind'] = 'tmpfs'
  let imageDir: string | null = null
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', path])
  } catch (tmpfsError) {
    kind = 'ext4 image'
    imageDir = mkdtempSync(join(tmpdir(), 'brokerlens-small-fs-image-'))
    const image = join(imageDir, 'fs.img')
    try {
      run('truncate', ['-s', String(bytes), image])
      // -m 0: no blocks reserved for root, who runs this and would otherwise write past "full".
      run('mkfs.ext4', ['-q', '-F', '-m', '0', image])
      run('mount', ['-o', 'loop', image, path])
    } catch (loopError) {
      rmSync(imageDir, { recursive: true, force: true })
      rmSync(path, { recursive: true, force: true })
      throw new Error(
        `Cannot mount a small file system for the disk-full test (run it as root):\n` +
          `  tmpfs: ${(tmpfsError as Error).message}\n  loop-mounted ext4: ${(loopError as Error).message}`,
      )
    }
  }
  const free = () => {
    const s = statfsSync(path)
    return s.bavail * s.bsize
  }
  return {
    path,
    kind,
    free,
    fill(leave) {
      const file = join(path, 'filler')
      const fd = openSync(file, 'w')
      const chunk = Buffer.alloc(64 * 1024, 0x5a)
      let written = 0
      try {
        for (let left = free() - leave; left > 0; left -= chunk.length) {
          written += writeSync(fd, chunk, 0, Math.min(chunk.length, left))
        }
      } finally {
        closeSync(fd)
      }
      return { bytes: written, release: () => unlinkSync(file) }
    },
    unmount() {
      try {
        run('umount', [path])
      } catch {
        // Still busy (a handle not closed yet): detach it now, the kernel frees it when unused.
        run('umount', ['-l', path])
      }
      rmSync(path, { recursive: true, force: true })
      if (imageDir) rmSync(imageDir, { recursive: true, force: true })
    },
  }
}
