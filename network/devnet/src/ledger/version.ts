// Versions of committed state: the height {blockNum, txNum} of the transaction that last wrote a key.

export interface Version {
    readonly blockNum: number;
    readonly txNum: number;
}

/** True when both are absent or both name the same height (Fabric's version.AreSame). */
export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
    if (a === undefined || b === undefined) {
        return a === b;
    }
    return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

/** The way Fabric prints a height in its error messages. */
export function formatVersion(version: Version | undefined): string {
    return version ? `{BlockNum: ${version.blockNum}, TxNum: ${version.txNum}}` : '<nil>';
}
