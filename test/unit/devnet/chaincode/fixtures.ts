// Paths and ports shared by the chaincode runtime's tests.
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ECHO_CHAINCODE_DIR = resolve(__dirname, '../../../fixtures/chaincode/echo');
export const BROKEN_CHAINCODE_DIR = resolve(__dirname, '../../../fixtures/chaincode/broken');
export const ORGS_CHAINCODE_DIR = resolve(__dirname, '../../../fixtures/chaincode/orgs');

/** A port that was free a moment ago, for servers that must be told their port up front. */
export async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    const address = server.address();
    await new Promise((resolvePromise) => server.close(resolvePromise));
    if (address === null || typeof address === 'string') {
        throw new Error('no port was assigned');
    }
    return address.port;
}
