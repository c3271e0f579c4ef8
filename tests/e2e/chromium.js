// What the Chromium scripts share: the phone they emulate, Chromium's
// flags, and loading their npm tools (playwright-core, and axe-core for
// those that run it). A missing tool ends the script with the `RESULT`
// lines .ci/e2e.sh reads.
'use strict';

const fs = require('fs');

// The 375 px phone every page must work on.
const VIEWPORT = { width: 375, height: 812 };

// Headless, offline and quiet: no sandbox (CI runs as root), no GPU, no
// background requests, updates or sync.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];

// loadTools(results, { axe }) → { playwright, axeSource }: on failure prints
// `RESULT <name> FAIL` for each of `results` and exits 2.
function loadTools(results, { axe = false } = {}) {
  try {
    const playwright = require('playwright-core');
    const axeSource = axe ? fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') : undefined;
    return { playwright, axeSource };
  } catch (e) {
    console.log(`missing tool: ${e.message.split('\n')[0]} (run \`bash .ci/install-e2e-deps.sh\`)`);
    for (const name of results) console.log(`RESULT ${name} FAIL`);
    process.exit(2);
  }
}

module.exports = { VIEWPORT, CHROMIUM_ARGS, loadTools };
