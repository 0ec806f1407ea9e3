import type { OriginPolicy } from './app-origin'

/** The parts of a frame the check reads (Electron's `WebFrameMain` satisfies it). */
export interface SenderFrame {
  readonly url: string
  readonly processId: number
  readonly routingId: number
}

/** The parts of an `IpcMainInvokeEvent` the check reads. */
export interface InvokeSender {
  readonly sender: { readonly id: number }
  readonly senderFrame: SenderFrame | null
}

/** The webContents of one of our windows. */
export interface TrustedContents {
  readonly id: number
  readonly mainFrame: SenderFrame
}

export type SenderCheck = (event: InvokeSender) => boolean

/**
 * A sender is trusted when it is the main frame of one of our windows and currently shows our
 * origin. Each part closes a door: another webContents (a devtools extension page, a future
 * window that is not ours), a subframe (an iframe some content managed to inject), and our own
 * frame after it was navigated somewhere foreign despite the navigation guard.
 *
 * Frames are compared by (processId, routingId): Electron may hand out distinct `WebFrameMain`
 * objects for one frame, so identity is not reliable.
 */
export function createSenderCheck(
  trustedContents: () => Iterable<TrustedContents>,
  origins: OriginPolicy,
): SenderCheck {
  return (event) => {
    const frame = event.senderFrame
    if (!frame) return false // the frame navigated or was destroyed while the call was in flight
    let contents: TrustedContents | undefined
    for (const candidate of trustedContents()) {
      if (candidate.id === event.sender.id) contents = candidate
    }
    if (!contents) return false
    const main = contents.mainFrame
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false
    return origins.isTrustedUrl(frame.url)
  }
}
