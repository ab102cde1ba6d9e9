// Bundles the web application (src/web) into dist/web: one ES module for the browser, the page and its stylesheet.
// esbuild only strips types; `tsc -p src/web` type-checks the same files in `npm test`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const packageDir = resolve(__dirname, '..');
const source = join(packageDir, 'src', 'web');
const out = join(packageDir, 'dist', 'web');

export async function buildWeb(): Promise<void> {
    mkdirSync(out, { recursive: true });
    await build({
        entryPoints: [join(source, 'main.tsx')],
        outfile: join(out, 'app.js'),
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: ['chrome120', 'firefox120', 'safari17'],
        jsx: 'automatic',
        jsxImportSource: 'preact',
        minify: true,
        sourcemap: true,
        tsconfig: join(source, 'tsconfig.json'),
        logLevel: 'warning',
    });
    copyFileSync(join(source, 'index.html'), join(out, 'index.html'));
    copyFileSync(join(source, 'app.css'), join(out, 'app.css'));
}

if (require.main === module) {
    buildWeb().catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
    });
}
