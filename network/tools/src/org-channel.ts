// The channel configuration edits of `bia org add|remove`, on configtxlator's JSON: the organisation's MSP group
// (configtxgen -printOrg's output) put into or taken out of the Application group, and the config update wrapped
// in the envelope that admins sign and the ordering service receives.

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`channel config: ${where} must be an object`);
    }
    return value as Json;
}

/** The channel configuration inside a decoded config block (data.data[0].payload.data.config). */
export function blockConfig(block: unknown): unknown {
    const data = object(object(block, 'block').data, 'block.data').data;
    if (!Array.isArray(data) || data.length !== 1) {
        throw new Error('channel config: a config block holds exactly one envelope');
    }
    const payload = object(object(data[0], 'block.data.data[0]').payload, 'envelope payload');
    return object(object(payload.data, 'payload.data').config, 'payload.data.config');
}

/** The Application group's organisations of a decoded common.Config (channel_group.groups.Application.groups). */
function applicationOrganizations(config: unknown): Json {
    const channelGroup = object(object(config, 'config').channel_group, 'channel_group');
    const application = object(object(channelGroup.groups, 'channel_group.groups').Application, 'Application group');
    return object(application.groups, 'Application.groups');
}

/** The MSP IDs of the channel's application organisations. */
export function channelOrganizations(config: unknown): string[] {
    return Object.keys(applicationOrganizations(config)).sort();
}

/** Where other organisations' peers reach an organisation's peers first (the channel's AnchorPeers value). */
export interface AnchorPeer {
    readonly Host: string;
    readonly Port: number;
}

/**
 * A copy of the config with the organisation's group added to the Application group (replacing one of its ID).
 * `configtxgen -printOrg` prints the group without anchor peers (it encodes it as an orderer organisation's), so
 * the anchor peer is added here, in the same update, which the same Admins policy approves.
 */
export function withChannelOrganization(config: unknown, mspId: string, group: unknown, anchor?: AnchorPeer): unknown {
    const copy = structuredClone(config);
    const added = structuredClone(object(group, `the group of ${mspId}`));
    if (anchor !== undefined) {
        added.values = {
            ...object(added.values ?? {}, `the values of ${mspId}`),
            AnchorPeers: {
                mod_policy: 'Admins',
                value: { anchor_peers: [{ host: anchor.Host, port: anchor.Port }] },
                version: '0',
            },
        };
    }
    applicationOrganizations(copy)[mspId] = added;
    return copy;
}

/** A copy of the config without the organisation's group; fails when it is not there. */
export function withoutChannelOrganization(config: unknown, mspId: string): unknown {
    const copy = structuredClone(config);
    const application = object(
        object(object(object(copy, 'config').channel_group, 'channel_group').groups, 'channel_group.groups')
            .Application,
        'Application group',
    );
    const organizations = applicationOrganizations(copy);
    if (!(mspId in organizations)) {
        throw new Error(`channel config: ${mspId} is not an application organisation of the channel`);
    }
    application.groups = Object.fromEntries(Object.entries(organizations).filter(([id]) => id !== mspId));
    return copy;
}

/** The envelope (HeaderType CONFIG_UPDATE = 2) around a decoded common.ConfigUpdate, for configtxlator to encode. */
export function configUpdateEnvelope(channel: string, update: unknown): Json {
    return {
        payload: {
            header: { channel_header: { channel_id: channel, type: 2 } },
            data: { config_update: object(update, 'config update') },
        },
    };
}
