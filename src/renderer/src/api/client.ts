import type { Api } from '../../../shared/api'
import type { ApiClient } from './select-api'

let current: ApiClient | null = null

/** Installs the client picked at start-up (or a test's). */
export function setApiClient(client: ApiClient): void {
  current = client
}

export function getApiClient(): ApiClient {
  if (!current) throw new Error('The API client is not set up yet')
  return current
}

/** The typed Api, whatever the transport. */
export function api(): Api {
  return getApiClient().api
}
