// Names of Fabric's transaction validation codes (peer.TxValidationCode).
import { StatusCode } from '@hyperledger/fabric-gateway';

const namesByCode: ReadonlyMap<number, string> = new Map(
    Object.entries(StatusCode).map(([name, code]) => [code as number, name]),
);

export function validationCodeName(code: number): string {
    return namesByCode.get(code) ?? `UNKNOWN_CODE_${code}`;
}
