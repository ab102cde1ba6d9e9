import { createHash, createPrivateKey, randomUUID, verify as nodeVerify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { signers } from '@hyperledger/fabric-gateway';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { after, before, describe, it } from 'mocha';

import {
    generateCryptoMaterial,
    MspError,
    MspRegistry,
    serializeIdentity,
    type VerifiedIdentity,
} from '../../../../network/devnet/src/crypto';
import { certificateToPem, issueCertificate } from '../../../../network/devnet/src/crypto/certificates';
import { curveHalfOrder, decodeSignature, encodeSignature } from '../../../../network/devnet/src/crypto/ecdsa';
import { generateKeyPair, importPrivateKeyPem } from '../../../../network/devnet/src/crypto/keys';
import type { Topology } from '../../../../network/devnet/src/topology';
import { loadX509Library } from '../../../../network/devnet/src/crypto/x509-library';
import { organization, removeDir, scratchDir, smallTopology } from './fixtures';

chai.use(chaiAsPromised);
const { expect } = chai;

const p256Order = curveHalfOrder * 2n + 1n;
const elevenYears = 11 * 365 * 24 * 60 * 60 * 1000;

describe('devnet MSP registry', function () {
    let outputDir: string;
    let otherDir: string;
    let topology: Topology;
    let registry: MspRegistry;
    let healthcoDir: string;

    before(async function () {
        topology = smallTopology(2);
        [outputDir, otherDir] = await Promise.all([scratchDir('msp'), scratchDir('msp-other')]);
        // A second, independent generation: same names and subjects, different keys.
        await Promise.all([
            generateCryptoMaterial({ topology, outputDir }),
            generateCryptoMaterial({ topology, outputDir: otherDir }),
        ]);
        registry = await MspRegistry.load({ topology, outputDir });
        healthcoDir = join(outputDir, 'organizations/peerOrganizations/healthco.bia.example');
    });

    after(async function () {
        await Promise.all([removeDir(outputDir), removeDir(otherDir)]);
    });

    async function userPem(baseDir: string, domain: string, user: string): Promise<string> {
        const orgDir = join(baseDir, 'organizations/peerOrganizations', domain);
        return readFile(join(orgDir, `users/${user}@${domain}/msp/signcerts/${user}@${domain}-cert.pem`), 'utf8');
    }

    function refusal(serialized: Uint8Array, from: MspRegistry = registry): MspError {
        try {
            from.deserialize(serialized);
        } catch (err) {
            expect(err).to.be.instanceOf(MspError);
            return err as MspError;
        }
        throw new Error('deserialize accepted the identity');
    }

    describe('deserialize', function () {
        it('lists the application MSPs, then the orderer MSP', function () {
            const application = topology.organizations.map((org) => org.mspId);
            expect(registry.applicationMspIds()).to.deep.equal(application);
            expect(registry.mspIds()).to.deep.equal([...application, topology.ordererOrganization.mspId]);
        });

        it('accepts each generated identity with the role of its NodeOU', async function () {
            const cases: [string, string, string][] = [
                ['healthco', 'peer0', 'peer'],
                ['healthco', 'Admin', 'admin'],
                ['healthco', 'User2', 'client'],
                ['orderer', 'orderer2', 'orderer'],
                ['orderer', 'Admin', 'admin'],
            ];
            for (const [orgName, name, role] of cases) {
                const signer = registry.signer(orgName, name);
                const identity = registry.deserialize(signer.serializedIdentity);
                expect(identity.role, `${orgName}/${name}`).to.equal(role);
                expect(identity.mspId).to.equal(signer.mspId);
                expect(Buffer.from(identity.serialized).equals(Buffer.from(signer.serializedIdentity))).to.equal(true);
            }
            const user = registry.deserialize(
                serializeIdentity('HealthcoMSP', await userPem(outputDir, 'healthco.bia.example', 'User1')),
            );
            expect(user.certificate.subject).to.include('CN=User1@healthco.bia.example');
        });

        it('refuses an MSP ID that is not on the channel', async function () {
            const error = refusal(
                serializeIdentity('NoSuchMSP', await userPem(outputDir, 'healthco.bia.example', 'User1')),
            );
            expect(error.kind).to.equal('deserialize');
            expect(error.message).to.equal('MSP NoSuchMSP is not defined on channel');
        });

        it('refuses bytes that are not a SerializedIdentity', function () {
            const error = refusal(Uint8Array.from([0xff, 0xff, 0xff]));
            expect(error.kind).to.equal('deserialize');
            expect(error.message).to.match(/^could not deserialize a SerializedIdentity/);
        });

        it('refuses identity bytes that are not PEM', function () {
            const error = refusal(serializeIdentity('HealthcoMSP', 'not a certificate'));
            expect(error.message).to.equal('could not decode the PEM structure');
            expect(error.mspId).to.equal('HealthcoMSP');
        });

        it('refuses a PEM block that is not a certificate', function () {
            const garbage = `-----BEGIN CERTIFICATE-----\n${Buffer.from('garbage').toString('base64')}\n-----END CERTIFICATE-----\n`;
            const error = refusal(serializeIdentity('HealthcoMSP', garbage));
            expect(error.kind).to.equal('deserialize');
            expect(error.message).to.match(/^parseCertificate failed/);
        });

        it("refuses another organisation's certificate presented under this MSP ID", async function () {
            const error = refusal(
                serializeIdentity('CarrierMSP', await userPem(outputDir, 'healthco.bia.example', 'User1')),
            );
            expect(error.kind).to.equal('validate');
            expect(error.message).to.equal(
                'could not obtain certification chain: the supplied identity is not valid: x509: certificate signed by unknown authority',
            );
        });

        it('refuses a certificate from a different CA with the same subject names', async function () {
            const foreign = await userPem(otherDir, 'healthco.bia.example', 'User1');
            const error = refusal(serializeIdentity('HealthcoMSP', foreign));
            expect(error.kind).to.equal('validate');
            expect(error.message).to.match(/certificate signed by unknown authority$/);
        });

        it('refuses a CA certificate used as an identity', async function () {
            const caPem = await readFile(join(healthcoDir, 'ca/ca.healthco.bia.example-cert.pem'), 'utf8');
            const error = refusal(serializeIdentity('HealthcoMSP', caPem));
            expect(error.message).to.match(/Certificate Authority equals true cannot be used as an identity$/);
        });

        it('refuses a certificate outside its validity period, on every use', async function () {
            let now = new Date();
            const clocked = await MspRegistry.load({ topology, outputDir, now: () => now });
            const serialized = serializeIdentity(
                'HealthcoMSP',
                await userPem(outputDir, 'healthco.bia.example', 'User2'),
            );
            expect(clocked.deserialize(serialized).role).to.equal('client');

            now = new Date(Date.now() + elevenYears);
            const expired = refusal(serialized, clocked);
            expect(expired.kind).to.equal('validate');
            expect(expired.message).to.match(
                /x509: certificate has expired or is not yet valid: current time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ is after \d{4}-/,
            );

            now = new Date(Date.now() - elevenYears);
            expect(refusal(serialized, clocked).message).to.match(/is not yet valid: current time .* is before /);
        });

        it('refuses a certificate from the right CA that carries no NodeOU', async function () {
            const lib = await loadX509Library();
            const caPem = await readFile(join(healthcoDir, 'ca/ca.healthco.bia.example-cert.pem'), 'utf8');
            const authority = {
                certificate: new lib.X509Certificate(caPem),
                privateKey: await importPrivateKeyPem(await readFile(join(healthcoDir, 'ca/priv_sk'), 'utf8')),
            };
            const keys = await generateKeyPair();
            const certificate = await issueCertificate(authority, {
                commonName: 'NoRole@healthco.bia.example',
                organizationalUnits: ['accounting'],
                alternativeNames: [],
                publicKey: keys.publicKey,
                purpose: 'identity',
                now: new Date(),
            });
            const error = refusal(serializeIdentity('HealthcoMSP', certificateToPem(certificate)));
            expect(error.kind).to.equal('validate');
            expect(error.message).to.equal(
                "could not validate identity's OUs: the identity does not have an OU that resolves to client, peer, orderer, or admin role. OUs: [accounting], MSP: [HealthcoMSP]",
            );
        });
    });

    describe('signatures', function () {
        const message = Buffer.from(`proposal bytes ${randomUUID()}`);
        let peer: VerifiedIdentity;

        before(function () {
            peer = registry.deserialize(registry.peerSigner('healthco').serializedIdentity);
        });

        it('verifies a peer signer signature over the message, and nothing else', function () {
            const signature = registry.peerSigner('healthco').sign(message);
            expect(registry.verifySignature(peer, message, signature)).to.equal(true);
            expect(registry.verifySignature(peer, Buffer.concat([message, Buffer.from('!')]), signature)).to.equal(
                false,
            );
            const carrier = registry.deserialize(registry.peerSigner('carrier').serializedIdentity);
            expect(registry.verifySignature(carrier, message, signature)).to.equal(false);
            expect(() => {
                registry.checkSignature(carrier, message, signature);
            }).to.throw(MspError, 'The signature is invalid');
        });

        it('always produces low-S DER signatures', function () {
            const signer = registry.peerSigner('carrier');
            for (let round = 0; round < 32; round++) {
                const { s } = decodeSignature(signer.sign(Buffer.from(`message ${round}`)));
                expect(s <= curveHalfOrder).to.equal(true);
            }
        });

        it('rejects the high-S twin of a valid signature, as Fabric does', function () {
            const lowS = registry.peerSigner('healthco').sign(message);
            const { r, s } = decodeSignature(lowS);
            const highS = encodeSignature({ r, s: p256Order - s });
            // The twin is mathematically valid ECDSA; only Fabric's low-S rule refuses it.
            const publicKey = peer.certificate.publicKey;
            expect(nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, highS)).to.equal(true);
            expect(registry.verifySignature(peer, message, highS)).to.equal(false);
            expect(() => {
                registry.checkSignature(peer, message, highS);
            }).to.throw(MspError, /Invalid S\. Must be smaller than half the order/);
        });

        it('rejects bytes that are not a DER signature', function () {
            expect(registry.verifySignature(peer, message, Buffer.from('not a signature'))).to.equal(false);
            expect(() => {
                registry.checkSignature(peer, message, Buffer.from([0x30, 0x02, 0x02, 0x00]));
            }).to.throw(MspError, /Failed unmashalling signature/);
        });

        it("verifies a signature made by fabric-gateway's private key signer", async function () {
            const userDir = join(healthcoDir, 'users/User1@healthco.bia.example/msp');
            const key = createPrivateKey(await readFile(join(userDir, 'keystore/priv_sk')));
            const gatewaySign = signers.newPrivateKeySigner(key);
            const signature = await gatewaySign(createHash('sha256').update(message).digest());
            const user = registry.deserialize(
                serializeIdentity('HealthcoMSP', await userPem(outputDir, 'healthco.bia.example', 'User1')),
            );
            expect(registry.verifySignature(user, message, signature)).to.equal(true);
            expect(registry.verifySignature(peer, message, signature)).to.equal(false);
        });

        it('names an unknown organisation or identity when asked for a signer', function () {
            expect(() => registry.peerSigner('nobody')).to.throw('unknown organisation nobody');
            expect(() => registry.signer('healthco', 'User99')).to.throw('has no identity named User99');
            expect(registry.signer('healthco', 'Admin').mspId).to.equal(organization(topology, 'healthco').mspId);
        });
    });

    it('refuses to load without generated material, saying what to do', async function () {
        const empty = await scratchDir('msp-empty');
        try {
            await expect(MspRegistry.load({ topology, outputDir: empty })).to.be.rejectedWith(
                /run generateCryptoMaterial first/,
            );
        } finally {
            await removeDir(empty);
        }
    });
});
