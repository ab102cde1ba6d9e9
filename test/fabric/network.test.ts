// Runs against the real Fabric network that test/fabric/run.sh brings up (skipped without it).
// Phase "deployed" writes a charter with a unique name; phase "upgraded" checks it survived the upgrade.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Contract, GatewayError } from '@hyperledger/fabric-gateway';
import { connectAs, type OrgConnection } from './gateway';

const connectionsDir = process.env.BIA_FABRIC_CONNECTIONS ?? '';
const phase = process.env.BIA_FABRIC_PHASE ?? 'deployed';
const markerFile = join(connectionsDir, '..', 'fabric-test-charter.txt');
const decoder = new TextDecoder();

function connectionFiles(): string[] {
    return readdirSync(connectionsDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(connectionsDir, name));
}

async function withEachOrg(run: (connection: OrgConnection) => Promise<void>): Promise<void> {
    await Promise.all(
        connectionFiles().map(async (file) => {
            const connection = connectAs(file);
            try {
                await run(connection);
            } finally {
                connection.close();
            }
        }),
    );
}

function bootstrapRequest(runId: string): string {
    return JSON.stringify({
        charter: {
            name: `Association test charter ${runId}`,
            quorumPercent: 50,
            approvalPercent: 50,
            votingWindowSeconds: 3600,
            maxRunningPilots: 5,
        },
        foundingMembers: [
            {
                memberId: `secretariat-${runId}`,
                hostMspId: 'SecretariatMSP',
                legalName: 'Association secretariat',
                kind: 'industry-body',
                sectors: ['governance'],
                website: 'https://secretariat.bia.example',
                contact: { name: 'Test Operator', email: 'operator@secretariat.bia.example' },
            },
        ],
    });
}

describe('real Fabric network', function () {
    this.timeout(120_000);

    before(function () {
        if (connectionsDir === '' || !existsSync(connectionsDir)) {
            console.warn('    skipped: set BIA_FABRIC_CONNECTIONS (test/fabric/run.sh brings a network up and does)');
            this.skip();
        }
    });

    describe('after deploy', function () {
        before(function () {
            if (phase !== 'deployed') {
                this.skip();
            }
        });

        it('answers every organisation through its own peer, as that organisation', async () => {
            await withEachOrg(async ({ profile, contract }) => {
                const info = JSON.parse(decoder.decode(await contract.evaluateTransaction('membership:WhoAmI'))) as {
                    mspId: string;
                };
                expect(info.mspId).to.equal(profile.mspId);
            });
        });

        it('commits a transaction from every organisation, endorsed across organisations', async () => {
            await withEachOrg(async ({ contract }) => {
                const submitted = await contract.submitAsync('org.hyperledger.fabric:GetMetadata');
                const status = await submitted.getStatus();
                expect(status.successful, `validation code ${status.code}`).to.equal(true);
            });
        });

        // The ledger may already hold an association (a kept network run again): then an existing member is the
        // marker, else the secretariat admin bootstraps one. The association suite runs after this phase and
        // changes the charter, so the marker is a member record, which nothing later changes.
        it('records state written by the secretariat admin, readable by every organisation', async () => {
            const runId = randomUUID().slice(0, 8);
            const admin = connectAs(join(connectionsDir, 'secretariat.json'), 'Admin');
            let memberId: string;
            try {
                const existing = await readCharter(admin.contract);
                if (existing === undefined) {
                    memberId = `secretariat-${runId}`;
                    await admin.contract.submitTransaction('membership:Bootstrap', bootstrapRequest(runId));
                } else {
                    memberId = existing.council[0] ?? '';
                    console.warn(`    the ledger already had a charter: member ${memberId} is the marker`);
                }
            } finally {
                admin.close();
            }
            writeFileSync(markerFile, memberId);
            await withEachOrg(async ({ contract }) => {
                expect(await readCharter(contract)).to.not.equal(undefined);
                expect(await readMember(contract, memberId)).to.have.property('status', 'active');
            });
        });
    });

    describe('after upgrade', function () {
        before(function () {
            if (phase !== 'upgraded') {
                this.skip();
            }
        });

        it('still holds the state written before the upgrade, on every peer', async () => {
            const memberId = readFileSync(markerFile, 'utf8');
            await withEachOrg(async ({ contract }) => {
                expect(await readCharter(contract)).to.not.equal(undefined);
                expect(await readMember(contract, memberId)).to.have.property('memberId', memberId);
            });
        });
    });
});

async function readCharter(contract: Contract): Promise<{ council: string[] } | undefined> {
    try {
        return JSON.parse(decoder.decode(await contract.evaluateTransaction('membership:GetCharter'))) as {
            council: string[];
        };
    } catch (error) {
        const messages = error instanceof GatewayError ? error.details.map((detail) => detail.message) : [];
        if (messages.some((message) => message.includes('"code":"NOT_FOUND"'))) {
            return undefined;
        }
        throw error;
    }
}

async function readMember(contract: Contract, memberId: string): Promise<unknown> {
    return JSON.parse(decoder.decode(await contract.evaluateTransaction('membership:GetMember', memberId))) as unknown;
}
