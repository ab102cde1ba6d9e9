// Dependencies point one way: within each package, no two folders import each other, directly or through others.
// A cycle between folders means neither is the lower layer, and both then change together (CONVENTIONS.md).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect } from 'chai';

const root = resolve(__dirname, '../../..');
const packageSources = ['chaincode/src', 'chaincode/model/src', 'client/src', 'network/devnet/src'];

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            return sourceFiles(path);
        }
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
}

/** Relative module specifiers of static imports and re-exports (type-only ones included: they couple too). */
function relativeImports(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']*)'/gm)].map((m) => m[1] ?? '');
    return specifiers.filter((specifier) => specifier !== '');
}

/**
 * The layer a module belongs to: its top-level folder under src/, or, for a file directly in src/ (the package's
 * entry points and small shared modules such as topology.ts), the file itself.
 */
function layerOf(srcDir: string, modulePath: string): string {
    const path = relative(srcDir, modulePath);
    const [first = '', ...rest] = path.split(sep);
    return rest.length > 0 || readdirIsFolder(modulePath) ? first : first.replace(/\.ts$/, '');
}

/** The layer graph of one package: an edge a -> b when a module in layer a imports one in layer b. */
export function folderGraph(srcDir: string): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    for (const file of sourceFiles(srcDir)) {
        const from = layerOf(srcDir, file);
        const edges = graph.get(from) ?? new Set<string>();
        graph.set(from, edges);
        for (const specifier of relativeImports(file)) {
            const target = resolve(dirname(file), specifier);
            if (relative(srcDir, target).startsWith('..')) {
                continue;
            }
            const layer = layerOf(srcDir, target);
            if (layer !== from) {
                edges.add(layer);
            }
        }
    }
    return graph;
}

function readdirIsFolder(path: string): boolean {
    try {
        readdirSync(path);
        return true;
    } catch {
        return false;
    }
}

/** Strongly connected components with more than one folder (Tarjan). */
export function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (node: string): void => {
        index.set(node, counter);
        low.set(node, counter);
        counter += 1;
        stack.push(node);
        onStack.add(node);
        for (const next of graph.get(node) ?? []) {
            if (!index.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
            } else if (onStack.has(next)) {
                low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
            }
        }
        if (low.get(node) === index.get(node)) {
            const component: string[] = [];
            let member: string | undefined;
            do {
                member = stack.pop();
                if (member !== undefined) {
                    onStack.delete(member);
                    component.push(member);
                }
            } while (member !== undefined && member !== node);
            if (component.length > 1) {
                cycles.push(component.sort());
            }
        }
    };
    for (const node of graph.keys()) {
        if (!index.has(node)) {
            visit(node);
        }
    }
    return cycles;
}

describe('folder layers', () => {
    it('finds a cycle when there is one (the check itself)', () => {
        const graph = new Map([
            ['a', new Set(['b'])],
            ['b', new Set(['c'])],
            ['c', new Set(['a'])],
            ['d', new Set(['a'])],
        ]);
        expect(folderCycles(graph)).to.deep.equal([['a', 'b', 'c']]);
    });

    for (const source of packageSources) {
        it(`${source}: no two folders depend on each other`, () => {
            const cycles = folderCycles(folderGraph(join(root, source)));
            expect(cycles.map((cycle) => cycle.join(' <-> '))).to.deep.equal([]);
        });
    }
});
