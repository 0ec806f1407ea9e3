import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { decodeProtobuf, protoMessageTypes } from './protobuf-codec'

const PROTO = `syntax = "proto3";
package demo.v1;

import "google/protobuf/timestamp.proto";

enum Level {
  LEVEL_UNSPECIFIED = 0;
  LEVEL_HIGH = 1;
}

message Reading {
  message Location {
    string room = 1;
    message Floor { int32 number = 1; }
    Floor floor = 2;
  }
  string sensor_id = 1;
  double value = 2;
  int64 big_count = 3;
  uint64 huge = 4;
  bytes raw = 5;
  Level level = 6;
  Location location = 7;
  repeated int32 samples = 8;
  map<string, string> labels = 9;
  oneof source {
    string device = 10;
    int32 port = 11;
  }
  google.protobuf.Timestamp at = 12;
  int32 unset_number = 13;
}

message Empty {}
`

function encode(typeName: string, object: Record<string, unknown>): Uint8Array {
  const root = protobuf.parse(PROTO, { keepCase: true }).root
  // The test's own root needs the imported well-known type too.
  root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')!.nested!)
  const type = root.lookupType(typeName)
  return type.encode(type.fromObject(object)).finish()
}

describe('protoMessageTypes', () => {
  it('lists every message type of the text, nested ones included, sorted and fully qualified', () => {
    expect(protoMessageTypes(PROTO)).toEqual([
      'demo.v1.Empty',
      'demo.v1.Reading',
      'demo.v1.Reading.Location',
      'demo.v1.Reading.Location.Floor',
    ])
    expect(protoMessageTypes('syntax = "proto3"; message A {}')).toEqual(['A'])
  })

  it('reports a syntax error with the parser words and the line', () => {
    const broken = 'syntax = "proto3";\nmessage A {\n  int32 x = ;\n}\n'
    expect(() => protoMessageTypes(broken)).toThrow(/illegal id ';' \(line 3\)/)
    expect(() => protoMessageTypes('syntax = "proto3";\nmessage A {\n  int32 x = 1;\n')).toThrow(/line \d+/)
  })

  it('reports a reference to a type the text does not define', () => {
    const text = 'syntax = "proto3";\nimport "other.proto";\nmessage A { other.B b = 1; }'
    expect(() => protoMessageTypes(text)).toThrow(
      /does not define: .*other\.B.*paste the types of other\.proto/,
    )
  })
})

describe('decodeProtobuf', () => {
  const object = {
    sensor_id: 'kitchen-1',
    value: 21.5,
    big_count: '-9007199254740993',
    huge: '18446744073709551615',
    raw: Uint8Array.of(0, 1, 2, 255),
    level: 1,
    location: { room: 'kitchen', floor: { number: 2 } },
    samples: [1, -2, 3],
    labels: { unit: 'C' },
    port: 8080,
    at: { seconds: 1_700_000_000, nanos: 5 },
  }

  it('decodes a message encoded by protobufjs into pretty JSON', () => {
    const json = decodeProtobuf(PROTO, 'demo.v1.Reading', encode('demo.v1.Reading', object))
    expect(JSON.parse(json)).toEqual({
      sensor_id: 'kitchen-1',
      value: 21.5,
      big_count: '-9007199254740993', // exact: longs as strings
      huge: '18446744073709551615',
      raw: 'AAEC/w==', // base64
      level: 'LEVEL_HIGH', // enum name
      location: { room: 'kitchen', floor: { number: 2 } },
      samples: [1, -2, 3],
      labels: { unit: 'C' },
      port: 8080,
      source: 'port', // the oneof says which field is set
      at: { seconds: '1700000000', nanos: 5 },
    })
    expect(json).toContain('\n  "sensor_id": "kitchen-1",\n') // 2-space indent
    expect(json).not.toContain('unset_number') // defaults off
  })

  it('decodes nested types and accepts a leading dot', () => {
    const bytes = encode('demo.v1.Reading.Location.Floor', { number: 7 })
    expect(JSON.parse(decodeProtobuf(PROTO, '.demo.v1.Reading.Location.Floor', bytes))).toEqual({ number: 7 })
    expect(decodeProtobuf(PROTO, 'demo.v1.Empty', new Uint8Array())).toBe('{}')
  })

  it('names the types there are when asked for one that is not', () => {
    expect(() => decodeProtobuf(PROTO, 'demo.v1.Missing', new Uint8Array())).toThrow(
      'No message type demo.v1.Missing in the .proto; it has: demo.v1.Empty, demo.v1.Reading, demo.v1.Reading.Location, demo.v1.Reading.Location.Floor',
    )
    // A package is not a message type
    expect(() => decodeProtobuf(PROTO, 'demo.v1', new Uint8Array())).toThrow(/No message type demo\.v1 in/)
  })

  it("reports malformed bytes with the decoder's message", () => {
    const bytes = encode('demo.v1.Reading', object)
    expect(() => decodeProtobuf(PROTO, 'demo.v1.Reading', bytes.subarray(0, bytes.length - 3))).toThrow(
      /^Not a valid demo\.v1\.Reading message: index out of range/,
    )
    expect(() => decodeProtobuf(PROTO, 'demo.v1.Reading', Uint8Array.of(0xff, 0xff, 0xff))).toThrow(
      /index out of range/,
    )
  })

  it('reports a .proto that does not parse when decoding too', () => {
    expect(() => decodeProtobuf('message {', 'A', new Uint8Array())).toThrow(
      /The \.proto does not parse: .*line 1/,
    )
  })

  it('decodes many messages quickly from one parse', () => {
    const bytes = encode('demo.v1.Reading', object)
    const t0 = performance.now()
    for (let i = 0; i < 2000; i++) decodeProtobuf(PROTO, 'demo.v1.Reading', bytes)
    // Re-parsing the .proto each time would take several seconds; cached it is a few ms per hundred.
    expect(performance.now() - t0).toBeLessThan(3000)
    // Other protos in between do not break the cache
    for (let i = 0; i < 12; i++) protoMessageTypes(`syntax = "proto3"; message M${i} {}`)
    expect(JSON.parse(decodeProtobuf(PROTO, 'demo.v1.Reading', bytes)).sensor_id).toBe('kitchen-1')
  })
})
