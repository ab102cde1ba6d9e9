#!/usr/bin/env node
// biactl: the operators' command line. Wires the CLI to the real client, files, environment and streams.
import { readFile } from 'node:fs/promises';
import { connect } from '../connection/connect';
import { runCli } from './run';

void runCli(process.argv.slice(2), {
    connect,
    readFile: (path) => readFile(path, 'utf8'),
    env: process.env,
    stdout: (text) => {
        process.stdout.write(text);
    },
    stderr: (text) => {
        process.stderr.write(text);
    },
}).then((code) => {
    process.exitCode = code;
});
