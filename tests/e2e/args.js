// Command-line arguments of the end-to-end scripts: `--name VALUE` options
// and bare `--flag`s, each checked against what the script takes. Every
// script takes the built site as `--site DIR` (made absolute) and its base
// URL as `--base-url URL` (trailing slashes dropped; its path is `basePath`,
// '' unless the site lives under a sub-path).
'use strict';

const path = require('path');

const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

// parseArgs(argv, { usage, values: { name: default }, flags: [name], required: [name] })
//   → { site, baseUrl, basePath, <other values and flags in camelCase> }
// An unknown argument or a missing required one prints the usage and exits 2.
function parseArgs(argv, { usage, values = {}, flags = [], required = [] }) {
  const options = { site: undefined, 'base-url': undefined, ...values };
  const a = {};
  for (const [name, value] of Object.entries(options)) a[camel(name)] = value;
  for (const name of flags) a[camel(name)] = false;
  const fail = (why) => {
    console.error(`${why}\nusage: ${usage}`);
    process.exit(2);
  };
  for (let i = 2; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--')) fail(`unknown argument ${argv[i]}`);
    else if (flags.includes(name)) a[camel(name)] = true;
    else if (name in options && i + 1 < argv.length) a[camel(name)] = argv[++i];
    else fail(`unknown argument ${argv[i]}`);
  }
  for (const name of ['site', 'base-url', ...required]) {
    if (a[camel(name)] === undefined) fail(`missing --${name}`);
  }
  a.site = path.resolve(a.site);
  a.baseUrl = a.baseUrl.replace(/\/+$/, '');
  a.basePath = new URL(a.baseUrl + '/').pathname.replace(/\/$/, '');
  return a;
}

module.exports = { parseArgs };
