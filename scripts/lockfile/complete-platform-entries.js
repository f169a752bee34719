#!/usr/bin/env node
/**
 * Registries that mirror only this platform's native binaries answer 404 for the other
 * platforms' optional packages (e.g. @swc/core-darwin-arm64), so `npm install` leaves them out
 * of package-lock.json and `npm ci` then refuses the lock as out of sync. This adds the entries a
 * full registry would have written: name, version, optional, os and cpu (read from the package
 * name, the convention every such package follows). npm skips them on other platforms without
 * downloading anything, and fetches them by version where they apply.
 * Run after any `npm install` that changes the lock: `node scripts/lockfile/complete-platform-entries.js`.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const lockPath = join(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'sunos', 'aix', 'wasm32'];
const CPU = { arm64: 'arm64', aarch64: 'arm64', x64: 'x64', arm: 'arm', ia32: 'ia32', ppc64: 'ppc64', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', wasi: 'wasm32', wasm32: 'wasm32', universal: undefined };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpuPart = parts.find((p) => p in CPU);
  if (!os && !cpuPart) return undefined;
  const platform = {};
  if (os && os !== 'wasm32') platform.os = [os];
  if (cpuPart && CPU[cpuPart]) platform.cpu = [CPU[cpuPart]];
  return platform;
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range) ? range : undefined;
    if (!platform || !version) {
      console.warn(`left alone: ${name}@${range} (not a pinned platform package)`);
      continue;
    }
    lock.packages[`node_modules/${name}`] = { version, dev: entry.dev, optional: true, ...platform };
    added++;
  }
}
for (const entry of Object.values(lock.packages)) if (entry.dev === undefined) delete entry.dev;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
