/**
 * The API's method names, free of zod so that the preload (which must bundle what it imports)
 * stays a few kilobytes. `api.ts` fails to compile if this list and `apiSpec` ever differ.
 */
export const API_METHOD_NAMES = [
  'getAppInfo',
  'listProfiles',
  'getProfile',
  'createProfile',
  'updateProfile',
  'duplicateProfile',
  'deleteProfile',
  'exportProfiles',
  'importProfiles',
  'listConnections',
  'connect',
  'disconnect',
  'listSubscriptions',
  'subscribe',
  'unsubscribe',
  'publish',
  'setTreeView',
  'closeTreeView',
  'getTopicMessages',
  'getMessagePayload',
  'previewClearRetained',
  'clearRetained',
] as const
