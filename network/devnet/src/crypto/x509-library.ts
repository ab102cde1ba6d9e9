// @peculiar/x509 resolves its algorithms through tsyringe, which needs a Reflect metadata polyfill loaded first.
// Loading both on first use keeps importing the devnet free of global side effects.
type X509Library = typeof import('@peculiar/x509');

let library: Promise<X509Library> | undefined;

export function loadX509Library(): Promise<X509Library> {
    library ??= import('reflect-metadata').then(() => import('@peculiar/x509'));
    return library;
}
