// Public API of the devnet's crypto layer: cryptogen-compatible material, connection files, MSP verification, signers.
export { generateCryptoMaterial, type GenerateCryptoMaterialOptions } from './cryptogen';
export {
    type ConnectionFile,
    type ConnectionIdentity,
    writeConnectionFiles,
    type WriteConnectionFilesOptions,
} from './connection-files';
export { peerTlsFiles, type TlsFiles } from './layout';
export {
    MspError,
    type MspErrorKind,
    MspRegistry,
    type MspRegistryOptions,
    type Role,
    type Signer,
    type VerifiedIdentity,
} from './msp';
export { loadSigner, newSigner, serializeIdentity } from './signer';
