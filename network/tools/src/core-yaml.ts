// A peer's core.yaml: Fabric's own sample (shipped beside its binaries) with the two settings that cannot be
// set through environment variables rewritten, each checked so a changed sample fails loudly instead of silently.

export interface CoreYamlOptions {
    /** Absolute path of our CCaaS external builder (the folder holding bin/detect, bin/build, bin/release). */
    readonly builderPath: string;
    readonly builderName: string;
}

interface Replacement {
    readonly what: string;
    readonly pattern: RegExp;
    readonly replacement: (options: CoreYamlOptions) => string;
}

const replacements: readonly Replacement[] = [
    {
        // An empty CORE_VM_ENDPOINT is ignored; only an empty vm.endpoint stops the peer expecting Docker.
        what: 'vm.endpoint (Docker)',
        pattern: /^([ \t]+endpoint:)[ \t]*unix:\/\/\/var\/run\/docker\.sock[ \t]*$/m,
        replacement: () => '$1 ""',
    },
    {
        what: 'chaincode.externalBuilders',
        pattern: /^([ \t]+externalBuilders:[ \t]*\n)([ \t]+)- name: \S+\n[ \t]+path: \S+\n/m,
        replacement: (options) =>
            `$1$2- name: ${options.builderName}\n$2  path: ${JSON.stringify(options.builderPath)}\n`,
    },
];

/** Rewrites Fabric's sample core.yaml for a Docker-free peer using our external builder; throws if a setting is not found. */
export function patchCoreYaml(sample: string, options: CoreYamlOptions): string {
    if (!options.builderPath.startsWith('/')) {
        throw new Error(`core.yaml: external builder path must be absolute, not '${options.builderPath}'`);
    }
    return replacements.reduce((text, { what, pattern, replacement }) => {
        if (!pattern.test(text)) {
            throw new Error(`core.yaml: could not find ${what} in Fabric's sample core.yaml; has its layout changed?`);
        }
        return text.replace(pattern, replacement(options));
    }, sample);
}
