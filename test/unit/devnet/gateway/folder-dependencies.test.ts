// The devnet's folders depend on each other one way (CONVENTIONS: no folder cycles): the committer, gateway and
// orderer share their seams through ports/, never by importing each other's. Read from the sources' relative imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect } from 'chai';

const sourceRoot = resolve(__dirname, '../../../../network/devnet/src');

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? sourceFiles(path) : entry.endsWith('.ts') ? [path] : [];
    });
}

/** The top-level folder of a path under src, or undefined for files directly in src. */
function folderOf(path: string): string | undefined {
    const parts = relative(sourceRoot, path).split(sep);
    return parts.length > 1 ? parts[0] : undefined;
}

/** folder → the other folders its files import from. */
function folderGraph(): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    for (const file of sourceFiles(sourceRoot)) {
        const from = folderOf(file);
        if (from === undefined) {
            continue;
        }
        const targets = graph.get(from) ?? new Set<string>();
        graph.set(from, targets);
        for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
            const to = folderOf(resolve(dirname(file), match[1] ?? ''));
            if (to !== undefined && to !== from) {
                targets.add(to);
            }
        }
    }
    return graph;
}

function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
    const found: string[][] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const visit = (node: string): void => {
        state.set(node, 'visiting');
        path.push(node);
        for (const next of graph.get(node) ?? []) {
            if (state.get(next) === 'visiting') {
                found.push([...path.slice(path.indexOf(next)), next]);
            } else if (!state.has(next)) {
                visit(next);
            }
        }
        path.pop();
        state.set(node, 'done');
    };
    [...graph.keys()].sort().forEach((node) => {
        if (!state.has(node)) {
            visit(node);
        }
    });
    return found;
}

describe('devnet folder dependencies', () => {
    const graph = folderGraph();

    it('has no cycle between folders', () => {
        expect(cycles(graph)).to.deep.equal([]);
    });

    it('keeps the committer, gateway and orderer off each other seams: their shared interfaces are in ports/', () => {
        expect([...(graph.get('committer') ?? [])]).to.not.include('gateway');
        expect([...(graph.get('orderer') ?? [])]).to.not.include.members(['committer', 'gateway']);
        expect([...(graph.get('ports') ?? [])].sort()).to.deep.equal(['ledger']);
    });

    it('finds a cycle when there is one (the check itself works)', () => {
        const cyclic = new Map([
            ['a', new Set(['b'])],
            ['b', new Set(['a'])],
        ]);
        expect(cycles(cyclic)).to.deep.equal([['a', 'b', 'a']]);
    });
});
