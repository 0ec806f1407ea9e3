// Types of soak-shape.mjs, for the TypeScript bench files.

export const SOAK_PREFIX: string

/** The i-th of the stream's topics (soak/area-07/device-042/temperature). */
export function soakTopic(i: number): string

/** The n-th message's payload, as text: `{"seq":n,"value":21.43}`. */
export function soakPayload(n: number): string

/** The sequence number of a stored payload's bytes, or -1 when it is not one of the soak's. */
export function soakSeq(payload: Uint8Array): number
