// How every headless Chromium of the project starts (e2e, UI bench, soak): Debian's Chromium,
// no sandbox (containers and CI run as root), no GPU, and nothing that reaches the network on its
// own (updates, sync, QUIC probes), so a test's traffic is its own.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
