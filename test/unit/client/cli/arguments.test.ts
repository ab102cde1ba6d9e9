import { expect } from 'chai';
import { UsageError, parseCommandLine, type Invocation } from '../../../../client/src/cli/arguments';
import { commands } from '../../../../client/src/cli/commands';

function parse(line: string): Invocation {
    return parseCommandLine(
        line.split(' ').filter((w) => w !== ''),
        commands,
    );
}

function run(line: string): Extract<Invocation, { kind: 'run' }> {
    const invocation = parse(line);
    if (invocation.kind !== 'run') {
        throw new Error(`expected a command, got ${invocation.kind}`);
    }
    return invocation;
}

describe('biactl argument parsing', () => {
    it('maps positional words and options to the named parameters, globals anywhere', () => {
        const invocation = run('--org healthco deals sign DEAL-7 --terms-hash abc123 --json --identity User2');

        expect(invocation.command.transaction).to.equal('SignDeal');
        expect([...invocation.raw]).to.deep.equal([
            ['dealId', 'DEAL-7'],
            ['termsHash', 'abc123'],
        ]);
        expect(invocation.globals).to.deep.equal({ org: 'healthco', identity: 'User2', json: true });
    });

    it('accepts --flag=value and an option before the command words', () => {
        const invocation = run('--terms-hash=h1 deals sign D-1 --org=carrier --connections /tmp/conn');

        expect(invocation.raw.get('termsHash')).to.equal('h1');
        expect(invocation.globals).to.deep.equal({ org: 'carrier', connections: '/tmp/conn', json: false });
    });

    it('keeps a JSON file option as its path until the runner reads it', () => {
        const invocation = run('shipments checkpoint --file reading.json');

        expect(invocation.command.transaction).to.equal('RecordCheckpoint');
        expect(invocation.raw.get('reading')).to.equal('reading.json');
    });

    it('parses whole numbers and checks choices', () => {
        expect(run('shipments accept-handover SHIP-1 3').raw.get('sequence')).to.equal(3);
        expect(run('membership vote admit-x abstain').raw.get('choice')).to.equal('abstain');
        expect(() => parse('shipments accept-handover SHIP-1 three')).to.throw(UsageError, /whole number/);
        expect(() => parse('membership vote admit-x maybe')).to.throw(UsageError, /one of yes, no, abstain/);
    });

    it('leaves optional query filters out unless given', () => {
        const invocation = run('deals query --status inked --page-size 5');

        expect(Object.fromEntries(invocation.raw)).to.deep.equal({ status: 'inked', pageSize: 5 });
    });

    it('refuses unknown contracts, commands and options, and missing or extra arguments', () => {
        expect(() => parse('')).to.throw(UsageError, /name a contract/);
        expect(() => parse('ledger get X')).to.throw(UsageError, /unknown contract 'ledger'/);
        expect(() => parse('deals')).to.throw(UsageError, /name a deals command/);
        expect(() => parse('deals burn D-1')).to.throw(UsageError, /unknown deals command 'burn'/);
        expect(() => parse('deals get')).to.throw(UsageError, /missing argument <dealId>/);
        expect(() => parse('deals sign D-1')).to.throw(UsageError, /missing option --terms-hash/);
        expect(() => parse('deals get D-1 D-2')).to.throw(UsageError, /unexpected argument 'D-2'/);
        expect(() => parse('deals get D-1 --colour red')).to.throw(UsageError, /--colour/);
    });

    it('names the command in a usage error so its usage can be shown', () => {
        expect(() => parse('deals sign D-1'))
            .to.throw(UsageError)
            .that.has.nested.property('topic.command.transaction', 'SignDeal');
    });

    it('answers --help at every level', () => {
        expect(parse('--help')).to.deep.equal({ kind: 'help', topic: {} });
        expect(parse('help')).to.deep.equal({ kind: 'help', topic: {} });
        expect(parse('shipments -h')).to.deep.equal({ kind: 'help', topic: { contract: 'shipments' } });
        const commandHelp = parse('deals sign --help');
        expect(commandHelp.kind === 'help' && commandHelp.topic.command?.transaction).to.equal('SignDeal');
        expect(() => parse('nothing --help')).to.throw(UsageError, /unknown contract/);
    });

    it('splits a list argument at commas and refuses an empty one', () => {
        const invocation = run('deals rebuild-indexes D-1,D-2,,D-3 --org secretariat');

        expect(invocation.raw.get('ids')).to.deep.equal(['D-1', 'D-2', 'D-3']);
        expect(() => parse('deals rebuild-indexes , --org secretariat')).to.throw(UsageError, /at least one value/);
    });

    it('answers --version before anything else', () => {
        expect(parse('deals sign --version')).to.deep.equal({ kind: 'version' });
    });
});
