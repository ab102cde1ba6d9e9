// Lint rules for every TypeScript package; chaincode gets extra rules that ban non-deterministic APIs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nonDeterministic = [
    { object: 'Date', property: 'now', message: 'Chaincode time comes from ctx.stub.getTxTimestamp().' },
    { object: 'Math', property: 'random', message: 'Chaincode must be deterministic across endorsers.' },
    { object: 'crypto', property: 'randomBytes', message: 'Chaincode must be deterministic across endorsers.' },
    { object: 'crypto', property: 'randomUUID', message: 'Chaincode must be deterministic across endorsers.' },
    { object: 'console', property: 'log', message: 'Log through ctx.logging.getLogger().' },
];

// The same APIs imported by name (`import { randomUUID } from 'node:crypto'`) escape no-restricted-properties.
const randomness = [
    'randomBytes',
    'randomUUID',
    'randomInt',
    'randomFill',
    'randomFillSync',
    'getRandomValues',
    'webcrypto',
];
const nonDeterministicImports = [
    ...['crypto', 'node:crypto'].map((name) => ({
        name,
        importNames: randomness,
        message: 'Chaincode must be deterministic across endorsers.',
    })),
    ...['perf_hooks', 'node:perf_hooks', 'timers', 'node:timers', 'timers/promises', 'node:timers/promises'].map(
        (name) => ({ name, message: 'Chaincode time comes from ctx.stub.getTxTimestamp(); it never waits.' }),
    ),
    ...['process', 'node:process'].map((name) => ({
        name,
        importNames: ['hrtime', 'uptime', 'env'],
        message: 'Chaincode reads neither clocks nor its environment.',
    })),
];

export default tseslint.config(
    {
        ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'network/generated/**', '**/*.js', '**/*.cjs'],
    },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                projectService: {
                    allowDefaultProject: ['eslint.config.mjs'],
                },
                tsconfigRootDir: import.meta.dirname,
            },
        },
        rules: {
            complexity: ['error', 15],
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
            '@typescript-eslint/no-extraneous-class': 'off',
        },
    },
    {
        files: ['chaincode/**/*.ts'],
        rules: {
            'no-restricted-properties': ['error', ...nonDeterministic],
            'no-restricted-imports': ['error', { paths: nonDeterministicImports }],
            'no-restricted-syntax': [
                'error',
                {
                    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
                    message: 'Chaincode time comes from the transaction timestamp.',
                },
                {
                    selector: 'ImportDeclaration[source.value=/^(node:)?(fs|child_process|net|http|https|os)$/]',
                    message: 'Chaincode does no I/O.',
                },
            ],
        },
    },
    {
        files: ['test/**/*.ts'],
        rules: {
            '@typescript-eslint/no-unused-expressions': 'off',
            '@typescript-eslint/no-non-null-assertion': 'off',
        },
    },
    {
        files: ['eslint.config.mjs'],
        ...tseslint.configs.disableTypeChecked,
    },
    prettier,
);
