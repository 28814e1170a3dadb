#!/usr/bin/env node
// The rnn-lab command: `rnn-lab package LESSON.html --scorm OUT.zip | --single OUT.html`.
// Node 20, no dependency but fflate (the zip writer). Errors print one line and exit 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError } from './lib/errors.mjs';
import { BACKENDS, parseBackends } from './lib/library.mjs';
import { scormZip } from './lib/scorm.mjs';
import { singleHtml } from './lib/single.mjs';

const HELP = `Usage:
  rnn-lab package LESSON.html --scorm OUT.zip [--backends LIST]
  rnn-lab package LESSON.html --single OUT.html
  rnn-lab --help | --version

LESSON.html is any page that loads rnn-lab with a <script type="module"> whose src
ends in rnn-lab.js (a CDN URL or a local path). The files it references by a
relative URL (CSV data, weights, images, styles) go into the package too.

  --scorm OUT.zip    A SCORM 1.2 package for an LMS (Moodle, Canvas, Blackboard,
                     Brightspace, Sakai, ...): the lesson, rnn-lab's files and a small
                     runtime that reports to the LMS: "incomplete" at the first
                     launch, "completed" once every trainer on the page has finished
                     a run, the settings the reader changed (restored at the next
                     launch) and the time spent. Needs no network.
  --single OUT.html  One self-contained HTML file that trains offline, even opened
                     from a USB stick (file://). Carries the CPU backend.
  --backends LIST    Backends to carry in a SCORM package, comma-separated, from
                     ${BACKENDS.join(', ')} (default: all; cpu is always in).
  -h, --help         This help.
  -v, --version      rnn-lab's version.
`;

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

function write(path, data) {
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${error.code === 'ENOENT' ? 'its folder does not exist' : error.message}`);
  }
}

function packageCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { scorm: { type: 'string' }, single: { type: 'string' }, backends: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new CliError('package takes one lesson page: rnn-lab package LESSON.html --scorm OUT.zip');
  if (!values.scorm === !values.single) throw new CliError('package needs exactly one of --scorm OUT.zip or --single OUT.html');
  const [lesson] = positionals;
  if (values.scorm) {
    const zip = scormZip(lesson, parseBackends(values.backends, BACKENDS));
    write(values.scorm, zip);
    console.log(`Wrote ${values.scorm} (${kib(zip.length)}), a SCORM 1.2 package of ${lesson}`);
  } else {
    const html = Buffer.from(singleHtml(lesson, parseBackends(values.backends, ['cpu'])));
    write(values.single, html);
    console.log(`Wrote ${values.single} (${kib(html.length)}), ${lesson} as one file`);
  }
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
  } else if (command === '-v' || command === '--version') {
    console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  } else if (command === 'package') {
    if (rest.includes('--help') || rest.includes('-h')) process.stdout.write(HELP);
    else packageCommand(rest);
  } else {
    throw new CliError(`unknown command "${command}" (try rnn-lab --help)`);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  // parseArgs reports unknown or incomplete options with a TypeError and an ERR_PARSE_ARGS_* code.
  if (!(error instanceof CliError) && !String(error.code).startsWith('ERR_PARSE_ARGS')) throw error;
  console.error(`rnn-lab: ${error.message}`);
  process.exitCode = 1;
}
