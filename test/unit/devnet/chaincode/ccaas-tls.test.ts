// Chaincode-as-a-service over mutual TLS, as connection.json with tls_required and client_auth_required sets it up.
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
    type DevnetChaincodeRuntime,
    type LaunchedChaincode,
    createChaincodeRuntime,
    launchChaincodeServer,
} from '../../../../network/devnet/src/chaincode';
import { CHANNEL, MSP_ID } from './chaincode-behaviour';
import { ECHO_CHAINCODE_DIR, freePort } from './fixtures';
import { InMemorySimulation, InMemoryWorldState } from './in-memory-simulation';
import { newCertificatePem, newExecuteRequest, uniquePrefix } from './proposal';
import { type TlsFiles, newTlsFiles } from './tls-material';

chai.use(chaiAsPromised);
const { expect } = chai;

describe('chaincode runtime: chaincode server over mutual TLS', function () {
    this.timeout(60_000);
    let tls: TlsFiles;
    let server: LaunchedChaincode | undefined;
    let address: string;
    const runtimes: DevnetChaincodeRuntime[] = [];

    before(async () => {
        tls = await newTlsFiles();
        address = `127.0.0.1:${await freePort()}`;
        server = await launchChaincodeServer({
            chaincodeId: 'echo_1.0:6a2d',
            packageDir: ECHO_CHAINCODE_DIR,
            address,
            tls: { keyFile: tls.serverKeyFile, certFile: tls.serverCertFile, clientCaCertFile: tls.caCertFile },
        });
    });

    after(async () => {
        await Promise.all(runtimes.map((runtime) => runtime.close()));
        await server?.stop();
        await rm(dirname(tls.caCertFile), { recursive: true, force: true });
    });

    async function newRuntime(): Promise<DevnetChaincodeRuntime> {
        const runtime = await createChaincodeRuntime();
        runtimes.push(runtime);
        return runtime;
    }

    it('executes a transaction when the devnet presents a client certificate', async () => {
        const runtime = await newRuntime();
        await runtime.connectChaincodeServer('echo', {
            address,
            tls: {
                rootCert: tls.caCertPem,
                clientKey: tls.clientKeyPem,
                clientCert: tls.clientCertPem,
                serverNameOverride: 'localhost',
            },
        });
        const key = `${uniquePrefix()}-tls`;
        const request = newExecuteRequest({
            channel: CHANNEL,
            chaincode: 'echo',
            args: ['put', key, 'over TLS'],
            mspId: MSP_ID,
            certificatePem: await newCertificatePem('User3@healthco.bia.example'),
            timestamp: new Date('2026-03-01T00:00:00Z'),
        });
        const simulation = new InMemorySimulation(new InMemoryWorldState(), {
            channel: CHANNEL,
            txId: request.txId,
            namespace: 'echo',
        });

        const result = await runtime.execute('echo', request, simulation);

        expect(result.response.status).to.equal(200);
        expect(simulation.writes).to.deep.equal([{ collection: '', key, value: 'over TLS' }]);
    });

    it('cannot connect without a client certificate', async () => {
        const runtime = await newRuntime();

        await expect(
            runtime.connectChaincodeServer('echo', {
                address,
                tls: { rootCert: tls.caCertPem, serverNameOverride: 'localhost' },
                dialTimeoutMs: 2_000,
            }),
        ).to.be.rejectedWith(/could not connect to chaincode server|closed the stream before registering/);
    });
});
