#!/usr/bin/env node
// dist/cli/ is the command line bundled (scripts/bundle-cli.mjs); its source maps lead back to
// src/ and are read only for --debug, whose stack traces are the one place they show.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv);
