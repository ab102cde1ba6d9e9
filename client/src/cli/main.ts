#!/usr/bin/env node
// biactl: the operators' command line. Wires the CLI to the real client, files, configuration and streams.
import { readFile, readdir } from 'node:fs/promises';
import { connect } from '../connection/connect';
import { loadConfig } from './config';
import { runCli } from './run';

void runCli(process.argv.slice(2), {
    connect,
    readFile: (path) => readFile(path, 'utf8'),
    listFiles: (dir) => readdir(dir),
    config: loadConfig(process.env, process.stdout.isTTY ? process.stdout.columns : undefined, __dirname),
    stdout: (text) => {
        process.stdout.write(text);
    },
    stderr: (text) => {
        process.stderr.write(text);
    },
}).then((code) => {
    process.exitCode = code;
});
