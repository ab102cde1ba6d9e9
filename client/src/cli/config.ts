// biactl's configuration layer: the one place that reads environment variables and the terminal's width, and
// finds the default connections folder and the package version from where the program is installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The connections folder, and where that choice came from (for error messages). */
export interface ConnectionsSetting {
    readonly dir: string;
    /** e.g. `BIA_CONNECTIONS`, `the repository /src/bia`, `the current directory`. */
    readonly from: string;
}

/** Everything the CLI takes from its surroundings rather than its arguments. */
export interface CliConfig {
    /** BIA_ORG: the organisation to act for when --org is not given. */
    readonly org: string | undefined;
    /** BIA_CONNECTIONS, else the repository's network/generated/connections. */
    readonly connections: ConnectionsSetting;
    /** The terminal's width (stdout's columns, else COLUMNS, else 80). */
    readonly columns: number;
    /** The @bia/client package version. */
    readonly version: string;
}

/** Where the network scripts write connection files, relative to the repository. */
export const generatedConnections = 'network/generated/connections';
/** A file only this repository has: how the CLI recognises the repository it lives in. */
const repositoryMarker = 'network/config/topology.json';
const defaultColumns = 80;

/**
 * Reads the configuration.
 * @param env - the environment variables
 * @param terminalColumns - stdout's width when it is a terminal
 * @param programDir - the folder of the running CLI module (its __dirname)
 */
export function loadConfig(
    env: Readonly<Record<string, string | undefined>>,
    terminalColumns: number | undefined,
    programDir: string,
): CliConfig {
    return {
        org: nonEmpty(env.BIA_ORG),
        connections: connectionsSetting(env, programDir),
        columns: terminalColumns ?? positiveInteger(env.COLUMNS) ?? defaultColumns,
        version: packageVersion(programDir),
    };
}

function connectionsSetting(env: Readonly<Record<string, string | undefined>>, programDir: string): ConnectionsSetting {
    const fromEnv = nonEmpty(env.BIA_CONNECTIONS);
    if (fromEnv !== undefined) {
        return { dir: resolve(fromEnv), from: 'BIA_CONNECTIONS' };
    }
    const repository = findUp(programDir, (dir) => existsSync(join(dir, repositoryMarker)));
    if (repository !== undefined) {
        return { dir: join(repository, generatedConnections), from: `the repository ${repository}` };
    }
    // Installed outside the repository (from npm): the folder where the command is run.
    return { dir: resolve(generatedConnections), from: 'the current directory' };
}

/** The version in the package.json of @bia/client that holds the running program. */
function packageVersion(programDir: string): string {
    let version = 'unknown';
    findUp(programDir, (dir) => {
        const file = join(dir, 'package.json');
        if (!existsSync(file)) {
            return false;
        }
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (manifest.name === '@bia/client' && typeof manifest.version === 'string') {
            version = manifest.version;
            return true;
        }
        return false;
    });
    return version;
}

function findUp(from: string, found: (dir: string) => boolean): string | undefined {
    for (let dir = resolve(from); ; dir = dirname(dir)) {
        if (found(dir)) {
            return dir;
        }
        if (dirname(dir) === dir) {
            return undefined;
        }
    }
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value === '' ? undefined : value;
}

function positiveInteger(value: string | undefined): number | undefined {
    const parsed = Number(value);
    return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}
