// Finding the broker programs, and installing the missing ones from Debian's packages. Nothing is
// ever downloaded from anywhere else: Kafka's jars come from Maven Central through Maven (kafka.mjs).
import fs from 'node:fs'
import path from 'node:path'
import { run } from './process.mjs'

// sbin folders are searched too: a normal user's PATH often lacks them, but mosquitto lives there.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin']

/** Absolute path of an executable found on PATH (or in an sbin folder), else null. */
export function findCommand(name) {
  if (name.includes('/')) return isExecutable(name) ? name : null
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...EXTRA_DIRS].filter(Boolean)
  for (const dir of dirs) {
    const candidate = path.join(dir, name)
    if (isExecutable(candidate)) return candidate
  }
  return null
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * What each broker needs: a command, where to find it, and the Debian package that provides it.
 * `paths` lists places tried before the PATH search (Debian hides the real rabbitmq-server script
 * behind a wrapper that insists on switching to the `rabbitmq` user when run as root).
 */
export const REQUIREMENTS = {
  mosquitto: [
    { command: 'mosquitto', apt: 'mosquitto' },
    { command: 'mosquitto_passwd', apt: 'mosquitto' },
    { command: 'mosquitto_sub', apt: 'mosquitto-clients' },
    { command: 'openssl', apt: 'openssl' },
  ],
  rabbitmq: [
    { command: 'rabbitmq-server', apt: 'rabbitmq-server', paths: ['/usr/lib/rabbitmq/bin/rabbitmq-server'] },
    { command: 'rabbitmqctl', apt: 'rabbitmq-server', paths: ['/usr/lib/rabbitmq/bin/rabbitmqctl'] },
    { command: 'epmd', apt: 'erlang-base' },
  ],
  kafka: [
    { command: 'java', apt: 'default-jre-headless', paths: javaHomeCandidates() },
    { command: 'mvn', apt: 'maven' },
  ],
}

function javaHomeCandidates() {
  return process.env.JAVA_HOME ? [path.join(process.env.JAVA_HOME, 'bin', 'java')] : []
}

function locate(requirement) {
  for (const candidate of requirement.paths ?? []) if (isExecutable(candidate)) return candidate
  return findCommand(requirement.command)
}

/**
 * Returns { command: absolutePath } for everything the named brokers need, installing missing
 * packages with apt-get first when running as root. Otherwise it fails naming what to install.
 */
export async function ensureCommands(brokerNames, log = console.log) {
  const requirements = brokerNames.flatMap((name) => REQUIREMENTS[name])
  const missing = requirements.filter((requirement) => !locate(requirement))
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((requirement) => requirement.apt))]
    const commands = [...new Set(missing.map((requirement) => requirement.command))].join(', ')
    const canInstall = process.getuid?.() === 0 && findCommand('apt-get')
    if (!canInstall) {
      throw new Error(
        `missing ${commands}: install them with\n  sudo apt-get install -y ${packages.join(' ')}\n` +
          'and run this again',
      )
    }
    log(`installing ${packages.join(' ')} with apt-get (missing: ${commands})`)
    await aptInstall(packages)
  }
  const found = {}
  for (const requirement of requirements) {
    const location = locate(requirement)
    if (!location)
      throw new Error(`${requirement.command} is still missing after installing ${requirement.apt}`)
    found[requirement.command] = location
  }
  return found
}

const POLICY_RC_D = '/usr/sbin/policy-rc.d'

/**
 * apt-get install, with services kept from starting: the rabbitmq-server and mosquitto packages
 * would otherwise start system brokers on the standard ports. A policy-rc.d that answers 101
 * ("action forbidden") is how Debian lets an installer say so; it is only put in place when the
 * machine has none, and removed afterwards.
 */
async function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const addedPolicy = !fs.existsSync(POLICY_RC_D)
  if (addedPolicy) fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 })
  try {
    await run('apt-get', ['update'], { env, timeoutMs: 600_000 })
    await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      env,
      timeoutMs: 1_200_000,
    })
  } finally {
    if (addedPolicy) fs.rmSync(POLICY_RC_D, { force: true })
  }
}
