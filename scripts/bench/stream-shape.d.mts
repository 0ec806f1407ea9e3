// Types of stream-shape.mjs, for the TypeScript bench files.

/** `count` distinct topics below `prefix`: `deep` (site/building/floor/room/sensor) or `flat`. */
export function benchTopics(prefix: string, count: number, shape?: 'deep' | 'flat'): string[]

/** The n-th payload of the stream: a plain number or a small JSON object, as text. */
export function benchPayload(n: number): string
