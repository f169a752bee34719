// Preloaded into a process under measurement (node -r): SIGUSR2 starts V8's CPU profiler,
// SIGUSR1 stops it and writes the profile to $CPU_PROFILE_FILE. So a profile holds only the
// measured window, never the boot or the warm-up.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new Session();
session.connect();
process.on('SIGUSR2', () => {
  session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 100 }, () => session.post('Profiler.start')));
});
process.on('SIGUSR1', () => {
  session.post('Profiler.stop', (error, result) => {
    writeFileSync(process.env.CPU_PROFILE_FILE, JSON.stringify(error ? { error: error.message } : result.profile));
  });
});
