#!/usr/bin/env node
// dist/cli/ is the command line bundled (scripts/bundle-cli.mjs); its source maps lead back to
// src/ and are read only for --debug, whose stack traces are the one place they show.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli/main.js');

const code = await main(process.argv);
// main has finished its work and awaited it; exiting now skips tearing down a heap of tens of
// megabytes (about 20 ms of `topo validate` of 10,000 objects). Output still being written (a
// pipe is asynchronous on macOS) waits for the natural exit instead.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
process.exitCode = code;
