// Crashing a shared test broker and bringing it back in place, through scripts/brokers (the code
// that started it and owns the state file). The script module is plain JavaScript, so it is loaded
// by URL and typed here.

export type RestartableBroker = 'rabbitmq' | 'kafka'

interface RestartOptions {
  signal?: 'SIGTERM' | 'SIGKILL'
  whileDown?: () => Promise<void>
  log?: (line: string) => void
}

interface BrokersModule {
  restartBroker(
    name: RestartableBroker,
    options?: RestartOptions,
  ): Promise<{ downMs: number; startupMs: number }>
}

const MODULE_URL = new URL('../../scripts/brokers/index.mjs', import.meta.url).href

/**
 * SIGKILLs the broker (a crash: nothing flushed, no goodbye to any client), runs `whileDown`, then
 * starts it again on the same ports, folder, users and vhosts, whatever `whileDown` did; its error
 * is thrown after the broker is back. Other test runs that share the broker see it go and come back.
 */
export async function crashAndRestart(
  name: RestartableBroker,
  whileDown: () => Promise<void>,
): Promise<{ downMs: number; startupMs: number }> {
  const brokers = (await import(/* @vite-ignore */ MODULE_URL)) as BrokersModule
  return brokers.restartBroker(name, { signal: 'SIGKILL', whileDown, log: () => undefined })
}
