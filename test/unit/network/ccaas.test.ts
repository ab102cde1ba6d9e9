import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ccaasConnection, ccaasMetadata, packageLabel, patchCoreYaml } from '../../../network/tools/src';

const repoRoot = resolve(__dirname, '..', '..', '..');
const builderBin = join(repoRoot, 'network', 'builders', 'ccaas', 'bin');

// The two parts of Fabric's sample core.yaml the peer configuration rewrites, as they appear there.
const sampleCoreYaml = [
    'vm:',
    '    # Endpoint of the vm management system.',
    '    endpoint: unix:///var/run/docker.sock',
    '',
    'chaincode:',
    '    externalBuilders:',
    '       - name: ccaas_builder',
    '         path: /opt/hyperledger/ccaas_builder',
    '         propagateEnvironment:',
    '           - CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG',
    '    installTimeout: 300s',
    '',
].join('\n');

function builder(step: string, ...args: string[]): number | null {
    return spawnSync('bash', [join(builderBin, step), ...args], { stdio: 'pipe' }).status;
}

describe('chaincode as a service', () => {
    let work: string;

    beforeEach(() => {
        work = mkdtempSync(join(tmpdir(), 'bia-ccaas-'));
    });

    afterEach(() => {
        rmSync(work, { recursive: true, force: true });
    });

    describe('peer core.yaml', () => {
        it('turns Docker off and names our builder by absolute path, leaving the rest as it was', () => {
            const patched = patchCoreYaml(sampleCoreYaml, {
                builderName: 'bia-ccaas',
                builderPath: '/x/builders/ccaas',
            });

            expect(patched).to.contain('    endpoint: ""\n');
            expect(patched).to.contain('       - name: bia-ccaas\n         path: "/x/builders/ccaas"\n');
            expect(patched).to.not.contain('docker.sock');
            expect(patched).to.contain('    installTimeout: 300s');
            expect(patched.split('\n')).to.have.length(sampleCoreYaml.split('\n').length);
        });

        it('fails loudly when the sample no longer has the Docker endpoint', () => {
            const changed = sampleCoreYaml.replace('unix:///var/run/docker.sock', 'tcp://docker:2375');

            expect(() => patchCoreYaml(changed, { builderName: 'b', builderPath: '/b' })).to.throw('vm.endpoint');
        });

        it('refuses a relative builder path, which the peer would not resolve', () => {
            expect(() => patchCoreYaml(sampleCoreYaml, { builderName: 'b', builderPath: 'builders/ccaas' })).to.throw(
                'must be absolute',
            );
        });
    });

    describe('package files', () => {
        it('labels a version as Fabric accepts it and refuses labels it would not', () => {
            expect(packageLabel('bia', '1.0')).to.equal('bia_1.0');
            expect(() => packageLabel('bia', '1.0 beta')).to.throw('is not valid');
        });

        it('writes metadata of type ccaas and a connection with mutual TLS material', () => {
            writeFileSync(join(work, 'ca.crt'), 'CA PEM');
            writeFileSync(join(work, 'client.crt'), 'CLIENT CERT PEM');
            writeFileSync(join(work, 'client.key'), 'CLIENT KEY PEM');

            expect(ccaasMetadata('bia_1.0')).to.deep.equal({ type: 'ccaas', label: 'bia_1.0' });
            expect(ccaasConnection('127.0.0.1:9999', work)).to.deep.equal({
                address: '127.0.0.1:9999',
                dial_timeout: '10s',
                tls_required: true,
                client_auth_required: true,
                root_cert: 'CA PEM',
                client_cert: 'CLIENT CERT PEM',
                client_key: 'CLIENT KEY PEM',
            });
        });
    });

    describe('external builder scripts', () => {
        function packageDirs(type: string): { source: string; metadata: string } {
            const source = join(work, 'src');
            const metadata = join(work, 'metadata');
            mkdirSync(join(source, 'META-INF', 'statedb', 'couchdb', 'indexes'), { recursive: true });
            mkdirSync(metadata);
            writeFileSync(join(metadata, 'metadata.json'), JSON.stringify({ type, label: 'bia_1.0' }));
            writeFileSync(join(source, 'connection.json'), '{"address":"127.0.0.1:9999"}');
            writeFileSync(join(source, 'META-INF', 'statedb', 'couchdb', 'indexes', 'by-status.json'), '{}');
            return { source, metadata };
        }

        it('detect takes ccaas packages and declines others', () => {
            const ccaas = packageDirs('ccaas');
            expect(builder('detect', ccaas.source, ccaas.metadata)).to.equal(0);

            writeFileSync(join(ccaas.metadata, 'metadata.json'), JSON.stringify({ type: 'node', label: 'bia_1.0' }));
            expect(builder('detect', ccaas.source, ccaas.metadata)).to.equal(1);
        });

        it('build and release hand the peer connection.json and the CouchDB indexes where it looks for them', () => {
            const { source, metadata } = packageDirs('ccaas');
            const output = join(work, 'output');
            const release = join(work, 'release');
            mkdirSync(output);
            mkdirSync(release);

            expect(builder('build', source, metadata, output)).to.equal(0);
            expect(builder('release', output, release)).to.equal(0);
            expect(readFileSync(join(release, 'chaincode', 'server', 'connection.json'), 'utf8')).to.equal(
                '{"address":"127.0.0.1:9999"}',
            );
            expect(existsSync(join(release, 'statedb', 'couchdb', 'indexes', 'by-status.json'))).to.equal(true);
        });

        it('build fails when the package has no connection.json', () => {
            const { source, metadata } = packageDirs('ccaas');
            rmSync(join(source, 'connection.json'));
            const output = join(work, 'output');
            mkdirSync(output);

            expect(builder('build', source, metadata, output)).to.equal(1);
        });
    });

    describe('scripts/bia', () => {
        it('prints its usage with --help, without needing Fabric binaries', () => {
            const usage = execFileSync('bash', [join(repoRoot, 'scripts', 'bia'), '--help'], {
                cwd: tmpdir(),
                encoding: 'utf8',
            });

            expect(usage).to.contain('network up');
            expect(usage).to.contain('chaincode deploy');
        });

        it('refuses an unknown command, naming it', () => {
            const result = spawnSync('bash', [join(repoRoot, 'scripts', 'bia'), 'network', 'sideways'], {
                encoding: 'utf8',
            });

            expect(result.status).to.equal(1);
            expect(result.stderr).to.contain("unknown command 'network sideways'");
        });

        it('stops at once, saying how to get them, when Fabric binaries are missing', () => {
            const result = spawnSync('bash', [join(repoRoot, 'scripts', 'bia'), 'network', 'up'], {
                encoding: 'utf8',
                env: {
                    ...process.env,
                    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
                    BIA_FABRIC_BIN: '',
                    BIA_GENERATED: work,
                },
            });

            expect(result.status).to.equal(1);
            expect(result.stderr).to.contain("Fabric binary 'peer' not found");
            expect(result.stderr).to.contain('scripts/install-fabric.sh');
        });
    });
});
