import kafkajs from 'kafkajs'

// kafkajs is CommonJS: Node's ESM loader cannot see these exports by name in the main bundle.
const { AssignerProtocol } = kafkajs

export interface DecodedAssignment {
  assignments: { topic: string; partitions: number[] }[]
  /** Set when the bytes are not the consumer protocol's assignment. */
  error: string | null
}

/**
 * A classic consumer group member's assignment bytes (ConsumerProtocolAssignment: version, then
 * topic → partitions, then user data; later versions only add fields at the end, which the decoder
 * does not read). Empty bytes are a member that has joined but not been given partitions yet.
 * Anything that does not decode is reported rather than thrown: a group of another protocol type
 * (Kafka Connect, Schema Registry, a custom one) puts its own format here.
 */
export function decodeAssignment(bytes: Buffer | null | undefined): DecodedAssignment {
  if (!bytes || bytes.length === 0) return { assignments: [], error: null }
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(bytes)
    if (!decoded) return { assignments: [], error: null }
    const assignments = Object.entries(decoded.assignment)
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
    for (const a of assignments) {
      if (!a.partitions.every((p) => Number.isInteger(p) && p >= 0)) throw new Error('bad partition number')
    }
    return { assignments, error: null }
  } catch (error) {
    return {
      assignments: [],
      error: `assignment bytes are not the consumer protocol's (${error instanceof Error ? error.message : String(error)})`,
    }
  }
}
