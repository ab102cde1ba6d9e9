// The chaincode servers `scripts/bia` started on the real network, found through its PID files (no Fabric code
// here, so the harness's unit tests can load it beside fabric-shim).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Chaincode name to the PID of its running server: pids/chaincode-<port>.pid (PID first), and the name of the
 * chaincode that server runs in chaincode/chaincode-<port>.name (a server recorded without one runs 'bia').
 */
export function fabricChaincodePids(generatedDir: string): Map<string, number[]> {
    const pids = new Map<string, number[]>();
    const pidDir = join(generatedDir, 'pids');
    const files = existsSync(pidDir) ? readdirSync(pidDir).filter((name) => /^chaincode-\d+\.pid$/.test(name)) : [];
    for (const file of files.sort()) {
        const pid = Number(readFileSync(join(pidDir, file), 'utf8').split(' ')[0]);
        if (Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${String(pid)}`)) {
            const chaincode = serverChaincode(generatedDir, file.replace(/\.pid$/, ''));
            pids.set(chaincode, [...(pids.get(chaincode) ?? []), pid]);
        }
    }
    return pids;
}

function serverChaincode(generatedDir: string, server: string): string {
    const nameFile = join(generatedDir, 'chaincode', `${server}.name`);
    return existsSync(nameFile) ? readFileSync(nameFile, 'utf8').trim() : 'bia';
}
