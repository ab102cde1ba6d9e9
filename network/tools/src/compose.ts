// The docker compose runtime (network/compose/compose.yaml): each container gets the very environment its native
// process gets (node.env), in docker's env-file format, and the project gets the variables the compose file reads.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Layout } from './layout';
import type { Environment } from './node-env';

/** The compose project's settings, written to generated/compose/compose.env (read with --env-file). */
export interface ComposeProjectOptions {
    /** Absolute path of the external builder folder (mounted at the same path, as core.yaml names it). */
    readonly builders: string;
    /** Tag of hyperledger/fabric-peer and hyperledger/fabric-orderer, e.g. 2.5.16. */
    readonly imageTag: string;
    /** uid:gid the containers run as, so the files they write under generated/ stay the user's. */
    readonly user: string;
}

/** Where a node's env file for compose lives. */
export function composeEnvPath(layout: Layout, node: string): string {
    return join(layout.root, 'compose', `${node}.env`);
}

/**
 * Renders an environment in the env-file format of docker compose (KEY='value': single quotes keep the value
 * literal). Throws on a value that format cannot carry.
 */
export function composeEnvFile(environment: Environment): string {
    const lines = Object.keys(environment)
        .sort()
        .map((name) => {
            const value = environment[name] ?? '';
            if (/['\n]/.test(value)) {
                throw new Error(`compose env file: the value of ${name} contains a quote or a line break`);
            }
            return `${name}='${value}'`;
        });
    return `${lines.join('\n')}\n`;
}

/** A project name of its own per generated folder, so two networks' containers never mix. */
export function composeProjectName(layout: Layout): string {
    return `bia-${createHash('sha256').update(layout.root).digest('hex').slice(0, 8)}`;
}

/** The variables network/compose/compose.yaml interpolates. */
export function composeProjectEnvironment(layout: Layout, options: ComposeProjectOptions): Environment {
    if (!/^\d+:\d+$/.test(options.user)) {
        throw new Error(`compose: user must be uid:gid, not '${options.user}'`);
    }
    return {
        COMPOSE_PROJECT_NAME: composeProjectName(layout),
        BIA_GENERATED: layout.root,
        BIA_BUILDERS: options.builders,
        BIA_FABRIC_IMAGE_TAG: options.imageTag,
        BIA_CONTAINER_USER: options.user,
    };
}
