// Public API of the devnet's policy layer: Fabric's policy language, evaluation, and private data collections.
export { type EndorsementPolicy, parseEndorsementPolicy, parseSignaturePolicy } from './dsl';
export { decodeSignaturePolicy, orgsSatisfying, type PolicyIdentity, policySatisfied } from './evaluate';
export { type ImplicitMetaRule } from './implicit-meta';
export { collectionMemberMspIds, type CollectionDefinition, parseCollectionsConfig } from './collections';
export { PolicyError } from './policy-error';
