// Loaded with `node --import` before Electronegativity's own CLI (scripts/security/electronegativity.mjs
// does that). Two things about the CLI have to change for a test run, and nothing else:
//
// - It downloads its translations and Electron's release list from the internet on every run
//   (through `got`). A test must not depend on, or talk to, the internet: `got` is replaced by a
//   function that fails at once, which the CLI already handles (English texts; the release-list
//   check is excluded anyway).
// - Its CSV report is written by two `fs.writeFile` calls started together (the header, then the
//   rows with flag 'a'), so the rows can land before the header, or be overwritten by it. Writes to
//   one path are queued here, in the order they were asked for.
import fs from 'node:fs'
import Module, { createRequire } from 'node:module'
import { resolve } from 'node:path'

const require = createRequire(import.meta.url)
const cliEntry = require.resolve('@doyensec/electronegativity/dist/index.js', { paths: [process.cwd()] })
const gotPath = createRequire(cliEntry).resolve('got')

function offline() {
  return Promise.reject(new Error('network access is disabled for this scan'))
}
for (const verb of ['get', 'head', 'post', 'put', 'patch', 'delete', 'stream', 'extend'])
  offline[verb] = offline
const stub = new Module(gotPath)
stub.filename = gotPath
stub.loaded = true
stub.exports = offline
require.cache[gotPath] = stub

const queues = new Map()
const writeFile = fs.writeFile
fs.writeFile = function queuedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback
  const opts = typeof options === 'function' ? undefined : options
  const key = typeof file === 'string' ? resolve(file) : file
  const next = (queues.get(key) ?? Promise.resolve()).then(
    () =>
      new Promise((settle) =>
        writeFile(file, data, opts ?? {}, (err) => {
          settle()
          done?.(err)
        }),
      ),
  )
  queues.set(key, next)
}
