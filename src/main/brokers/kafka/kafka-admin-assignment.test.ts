import { AssignerProtocol } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { decodeAssignment } from './kafka-admin-assignment'

describe('decodeAssignment', () => {
  it('decodes a consumer assignment, topics and partitions sorted', () => {
    const bytes = AssignerProtocol.MemberAssignment.encode({
      version: 1,
      assignment: { orders: [2, 0], audit: [1] },
      userData: Buffer.from('x'),
    })
    expect(decodeAssignment(bytes)).toEqual({
      assignments: [
        { topic: 'audit', partitions: [1] },
        { topic: 'orders', partitions: [0, 2] },
      ],
      error: null,
    })
  })
  it('reads empty bytes as "nothing assigned yet"', () => {
    expect(decodeAssignment(Buffer.alloc(0))).toEqual({ assignments: [], error: null })
    expect(decodeAssignment(null)).toEqual({ assignments: [], error: null })
  })
  it('reports bytes of another format instead of throwing', () => {
    const result = decodeAssignment(Buffer.from('{"connector":"jdbc-sink","tasks":[0,1]}'))
    expect(result.assignments).toEqual([])
    expect(result.error).toMatch(/not the consumer protocol/)
  })
})
