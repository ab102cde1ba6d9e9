// Two languages: Simplified Chinese (the association's first language) and English. The browser's preferred
// languages choose at first; the choice a person makes in the header is remembered in this browser. Dates, numbers
// and units go through Intl, so they read as the locale writes them (2026年12月5日 / 5 Dec 2026, 1,234.5, 4.0°C).
import { signal } from './signal';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
const storageKey = 'bia.portal.locale';

type Entry = Readonly<Record<Locale, string>>;

function pick(languages: readonly string[]): Locale {
    for (const language of languages) {
        const lower = language.toLowerCase();
        if (lower.startsWith('zh')) {
            return 'zh-CN';
        }
        if (lower.startsWith('en')) {
            return 'en';
        }
    }
    return 'zh-CN';
}

function initialLocale(): Locale {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'zh-CN' || stored === 'en') {
        return stored;
    }
    return pick(navigator.languages);
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
    localStorage.setItem(storageKey, next);
    document.documentElement.lang = next;
    locale.set(next);
}

const messages = {
    appName: { 'zh-CN': '区块链产业协会 · 会员门户', en: 'Blockchain Industry Association · Member portal' },
    skipToContent: { 'zh-CN': '跳到主要内容', en: 'Skip to main content' },
    language: { 'zh-CN': '语言', en: 'Language' },
    signIn: { 'zh-CN': '登录', en: 'Sign in' },
    signOut: { 'zh-CN': '退出', en: 'Sign out' },
    username: { 'zh-CN': '用户名', en: 'Username' },
    password: { 'zh-CN': '密码', en: 'Password' },
    signedInAs: { 'zh-CN': '当前用户', en: 'Signed in as' },
    sessionExpired: { 'zh-CN': '会话已过期，请重新登录。', en: 'Your session has expired; please sign in again.' },
    organisation: { 'zh-CN': '机构', en: 'Organisation' },
    role: { 'zh-CN': '角色', en: 'Role' },
    role_viewer: { 'zh-CN': '查看者', en: 'viewer' },
    role_operator: { 'zh-CN': '操作员', en: 'operator' },
    role_administrator: { 'zh-CN': '管理员', en: 'administrator' },
    actsFor: { 'zh-CN': '代表会员', en: 'Acts for member' },
    notBound: { 'zh-CN': '（未绑定会员）', en: '(bound to no member)' },
    nav_dashboard: { 'zh-CN': '概览', en: 'Dashboard' },
    nav_members: { 'zh-CN': '会员', en: 'Members' },
    nav_motions: { 'zh-CN': '理事会议案', en: 'Council motions' },
    nav_scenarios: { 'zh-CN': '试点场景', en: 'Pilot scenarios' },
    nav_deals: { 'zh-CN': '合作协议', en: 'Deals' },
    nav_shipments: { 'zh-CN': '医疗运输', en: 'Shipments' },
    nav_ledger: { 'zh-CN': '账本', en: 'Ledger' },
    loading: { 'zh-CN': '加载中…', en: 'Loading…' },
    live: { 'zh-CN': '实时更新已连接', en: 'Live updates on' },
    offline: { 'zh-CN': '实时更新已断开，正在重连', en: 'Live updates off; reconnecting' },
    submit: { 'zh-CN': '提交', en: 'Submit' },
    cancel: { 'zh-CN': '取消', en: 'Cancel' },
    done: { 'zh-CN': '已完成', en: 'Done' },
    refused: { 'zh-CN': '操作被拒绝', en: 'Refused' },
    field: { 'zh-CN': '字段', en: 'Field' },
    none: { 'zh-CN': '无', en: 'None' },
    more: { 'zh-CN': '更多', en: 'More' },
    total: { 'zh-CN': '合计', en: 'Total' },
    status: { 'zh-CN': '状态', en: 'Status' },
    kind: { 'zh-CN': '类型', en: 'Kind' },
    sector: { 'zh-CN': '行业', en: 'Sector' },
    title: { 'zh-CN': '标题', en: 'Title' },
    reason: { 'zh-CN': '理由', en: 'Reason' },
    summary: { 'zh-CN': '摘要', en: 'Summary' },
    id: { 'zh-CN': '编号', en: 'ID' },
    at: { 'zh-CN': '时间', en: 'Time' },
    by: { 'zh-CN': '操作者', en: 'By' },
    history: { 'zh-CN': '状态变更', en: 'Status history' },
    dash_members: { 'zh-CN': '会员（按类型，在册）', en: 'Active members by kind' },
    dash_memberStatus: { 'zh-CN': '会员状态', en: 'Members by status' },
    dash_openMotions: { 'zh-CN': '进行中的议案', en: 'Open council motions' },
    dash_pilots: { 'zh-CN': '试点场景', en: 'Pilot scenarios' },
    dash_running: { 'zh-CN': '正在试点 {running} / 上限 {cap}', en: '{running} of {cap} pilots running' },
    dash_deals: { 'zh-CN': '合作协议', en: 'Deals' },
    dash_inTransit: { 'zh-CN': '运输中的货件', en: 'Shipments in transit' },
    dash_excursions: { 'zh-CN': '最近的温度偏离', en: 'Recent excursions' },
    timeLeft: { 'zh-CN': '剩余 {time}', en: '{time} left' },
    windowClosed: { 'zh-CN': '投票期已结束', en: 'voting window closed' },
    tally: {
        'zh-CN': '赞成 {yes} · 反对 {no} · 弃权 {abstain} / 理事 {council}',
        en: 'yes {yes} · no {no} · abstain {abstain} of {council} council members',
    },
    vote: { 'zh-CN': '投票', en: 'Vote' },
    vote_yes: { 'zh-CN': '赞成', en: 'Yes' },
    vote_no: { 'zh-CN': '反对', en: 'No' },
    vote_abstain: { 'zh-CN': '弃权', en: 'Abstain' },
    closeMotion: { 'zh-CN': '结束议案并执行结果', en: 'Close the motion and carry out its outcome' },
    votes: { 'zh-CN': '投票记录', en: 'Votes' },
    subject: { 'zh-CN': '对象', en: 'Subject' },
    closesAt: { 'zh-CN': '截止时间', en: 'Closes' },
    apply: { 'zh-CN': '申请入会', en: 'Apply for membership' },
    memberId: { 'zh-CN': '会员编号', en: 'Member ID' },
    hostMspId: { 'zh-CN': '托管机构 MSP', en: 'Hosting MSP' },
    legalName: { 'zh-CN': '法定名称', en: 'Legal name' },
    sectors: { 'zh-CN': '行业（逗号分隔）', en: 'Sectors (comma separated)' },
    website: { 'zh-CN': '网站', en: 'Website' },
    contactName: { 'zh-CN': '联系人', en: 'Contact name' },
    contactEmail: { 'zh-CN': '联系邮箱', en: 'Contact email' },
    founding: { 'zh-CN': '创始会员', en: 'founding member' },
    proposeScenario: { 'zh-CN': '提出试点场景', en: 'Propose a pilot scenario' },
    problem: { 'zh-CN': '要解决的问题', en: 'Problem' },
    expectedOutcome: { 'zh-CN': '预期成果', en: 'Expected outcome' },
    lead: { 'zh-CN': '牵头会员', en: 'Lead member' },
    participants: { 'zh-CN': '参与会员', en: 'Participants' },
    plannedStart: { 'zh-CN': '计划开始', en: 'Planned start' },
    plannedEnd: { 'zh-CN': '计划结束', en: 'Planned end' },
    startPilot: { 'zh-CN': '启动试点', en: 'Start the pilot' },
    requestJoin: { 'zh-CN': '申请参与', en: 'Ask to join' },
    consent: { 'zh-CN': '同意', en: 'Consent' },
    milestones: { 'zh-CN': '里程碑', en: 'Milestones' },
    recordMilestone: { 'zh-CN': '记录里程碑', en: 'Record a milestone' },
    evidenceSha: { 'zh-CN': '证据 SHA-256', en: 'Evidence SHA-256' },
    evidenceUri: { 'zh-CN': '证据地址', en: 'Evidence URI' },
    evaluation: { 'zh-CN': '评估', en: 'Evaluation' },
    pendingRequests: { 'zh-CN': '待处理的参与申请', en: 'Pending participation requests' },
    parties: { 'zh-CN': '参与方', en: 'Parties' },
    signatures: { 'zh-CN': '签署', en: 'Signatures' },
    termsHash: { 'zh-CN': '条款哈希', en: 'Terms hash' },
    termsVersion: { 'zh-CN': '条款版本', en: 'Terms version' },
    terms: { 'zh-CN': '保密条款', en: 'Confidential terms' },
    showTerms: { 'zh-CN': '查看保密条款', en: 'Show the confidential terms' },
    termsMatch: { 'zh-CN': '与账本上的哈希一致', en: 'matches the hash on the ledger' },
    termsMismatch: { 'zh-CN': '与账本上的哈希不一致！', en: 'does NOT match the hash on the ledger!' },
    sign: { 'zh-CN': '签署当前条款', en: 'Sign the current terms' },
    signed: { 'zh-CN': '已签署', en: 'signed' },
    awaiting: { 'zh-CN': '待签署', en: 'awaiting signature' },
    draftDeal: { 'zh-CN': '起草协议', en: 'Draft a deal' },
    partyIds: { 'zh-CN': '参与方会员编号（逗号分隔）', en: 'Party member IDs (comma separated)' },
    termsText: {
        'zh-CN': '条款全文（仅保存在参与方的私有数据集合中）',
        en: "Terms (kept only in the parties' private collections)",
    },
    custody: { 'zh-CN': '保管链', en: 'Custody chain' },
    custodian: { 'zh-CN': '当前保管方', en: 'Custodian' },
    shipper: { 'zh-CN': '发货方', en: 'Shipper' },
    receiver: { 'zh-CN': '收货方', en: 'Receiver' },
    carrier: { 'zh-CN': '承运方', en: 'Carrier' },
    contents: { 'zh-CN': '货物', en: 'Contents' },
    allowedBand: { 'zh-CN': '允许温度范围', en: 'Allowed band' },
    maxTransit: { 'zh-CN': '最长运输时间', en: 'Maximum transit' },
    temperature: { 'zh-CN': '温度', en: 'Temperature' },
    humidity: { 'zh-CN': '湿度', en: 'Humidity' },
    shock: { 'zh-CN': '震动', en: 'Shock' },
    excursion: { 'zh-CN': '偏离', en: 'Excursion' },
    checkpoints: { 'zh-CN': '状态检查点', en: 'Checkpoints' },
    recordCheckpoint: { 'zh-CN': '记录检查点', en: 'Record a checkpoint' },
    readingId: { 'zh-CN': '读数编号', en: 'Reading ID' },
    sensorId: { 'zh-CN': '传感器编号', en: 'Sensor ID' },
    location: { 'zh-CN': '位置', en: 'Location' },
    offerCustody: { 'zh-CN': '移交保管', en: 'Offer custody' },
    acceptCustody: { 'zh-CN': '接受保管', en: 'Accept custody' },
    toMember: { 'zh-CN': '接收会员', en: 'To member' },
    confirmDelivery: { 'zh-CN': '确认收货', en: 'Confirm delivery' },
    rejectDelivery: { 'zh-CN': '拒收', en: 'Reject delivery' },
    delivery: { 'zh-CN': '交付结果', en: 'Delivery' },
    transitTime: { 'zh-CN': '运输时长', en: 'Transit time' },
    exceeded: { 'zh-CN': '超时', en: 'exceeded' },
    chartLabel: {
        'zh-CN': '温度曲线：允许范围与偏离点',
        en: 'Temperature over time, with the allowed band and excursions',
    },
    blocks: { 'zh-CN': '最近的区块', en: 'Recent blocks' },
    block: { 'zh-CN': '区块', en: 'Block' },
    transactions: { 'zh-CN': '交易', en: 'Transactions' },
    validationCode: { 'zh-CN': '验证结果', en: 'Validation' },
    mspId: { 'zh-CN': '提交机构', en: 'Submitter MSP' },
    noPermission: {
        'zh-CN': '查看者账户只能浏览，不能提交交易。',
        en: 'A viewer account can look but not submit transactions.',
    },
    code_VALIDATION: { 'zh-CN': '输入不符合规则', en: 'The input breaks a rule' },
    code_UNAUTHORIZED: { 'zh-CN': '无权执行此操作', en: 'Not allowed for this identity' },
    code_NOT_FOUND: { 'zh-CN': '账本上没有该记录', en: 'No such record on the ledger' },
    code_CONFLICT: { 'zh-CN': '记录已存在', en: 'The record exists already' },
    code_INVALID_STATE: { 'zh-CN': '当前状态不允许此操作', en: "The record's status does not allow this" },
    code_SESSION: { 'zh-CN': '请先登录', en: 'Sign in first' },
    code_CSRF: {
        'zh-CN': '请求未通过跨站校验，请刷新页面',
        en: 'The request failed its cross-site check; reload the page',
    },
    code_ROLE: { 'zh-CN': '您的账户角色不允许此操作', en: "Your account's role does not allow this" },
    code_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Unknown username or wrong password' },
    code_RATE_LIMIT: { 'zh-CN': '尝试次数过多，请稍后再试', en: 'Too many attempts; try again shortly' },
    code_UNAVAILABLE: { 'zh-CN': '区块链网络暂时无法连接', en: 'The network is not answering' },
    code_OTHER: { 'zh-CN': '操作失败', en: 'The operation failed' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof messages;

/** The message in the current locale, with {placeholders} filled in. */
export function t(key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
    const text = messages[key][locale.get()];
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = values[name];
        return value === undefined ? whole : typeof value === 'number' ? formatNumber(value) : value;
    });
}

/** A message key for a value from the chaincode's vocabulary, when there is one. */
export function hasMessage(key: string): key is MessageKey {
    return key in messages;
}

const statusNames: Readonly<Record<string, Entry>> = {
    applied: { 'zh-CN': '申请中', en: 'applied' },
    active: { 'zh-CN': '在册', en: 'active' },
    rejected: { 'zh-CN': '已拒绝', en: 'rejected' },
    suspended: { 'zh-CN': '已暂停', en: 'suspended' },
    withdrawn: { 'zh-CN': '已退出', en: 'withdrawn' },
    expelled: { 'zh-CN': '已除名', en: 'expelled' },
    open: { 'zh-CN': '投票中', en: 'open' },
    carried: { 'zh-CN': '已通过', en: 'carried' },
    failed: { 'zh-CN': '未通过', en: 'failed' },
    proposed: { 'zh-CN': '已提出', en: 'proposed' },
    approved: { 'zh-CN': '已批准', en: 'approved' },
    piloting: { 'zh-CN': '试点中', en: 'piloting' },
    evaluated: { 'zh-CN': '已评估', en: 'evaluated' },
    closed: { 'zh-CN': '已结束', en: 'closed' },
    draft: { 'zh-CN': '草案', en: 'draft' },
    inked: { 'zh-CN': '已生效', en: 'inked' },
    completed: { 'zh-CN': '已完成', en: 'completed' },
    terminated: { 'zh-CN': '已终止', en: 'terminated' },
    created: { 'zh-CN': '已创建', en: 'created' },
    'in-transit': { 'zh-CN': '运输中', en: 'in transit' },
    delivered: { 'zh-CN': '已交付', en: 'delivered' },
    enterprise: { 'zh-CN': '企业', en: 'enterprise' },
    'research-institute': { 'zh-CN': '科研院所', en: 'research institute' },
    university: { 'zh-CN': '高校', en: 'university' },
    'government-body': { 'zh-CN': '政府机构', en: 'government body' },
    'industry-body': { 'zh-CN': '行业组织', en: 'industry body' },
    'admit-member': { 'zh-CN': '接纳会员', en: 'admit member' },
    'suspend-member': { 'zh-CN': '暂停会员', en: 'suspend member' },
    'expel-member': { 'zh-CN': '除名会员', en: 'expel member' },
    'reinstate-member': { 'zh-CN': '恢复会员', en: 'reinstate member' },
    'amend-charter': { 'zh-CN': '修改章程', en: 'amend charter' },
    'approve-scenario': { 'zh-CN': '批准试点场景', en: 'approve scenario' },
    cooperation: { 'zh-CN': '合作', en: 'cooperation' },
    'platform-project': { 'zh-CN': '平台项目', en: 'platform project' },
    facility: { 'zh-CN': '设施', en: 'facility' },
    service: { 'zh-CN': '服务', en: 'service' },
    vaccine: { 'zh-CN': '疫苗', en: 'vaccine' },
    drug: { 'zh-CN': '药品', en: 'drug' },
    'blood-product': { 'zh-CN': '血液制品', en: 'blood product' },
    specimen: { 'zh-CN': '样本', en: 'specimen' },
    device: { 'zh-CN': '器械', en: 'device' },
};

/** A status, kind or category from the chaincode, in the current language (the value itself when unknown). */
export function term(value: string): string {
    return statusNames[value]?.[locale.get()] ?? value;
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
    return new Intl.NumberFormat(locale.get(), options).format(value);
}

export function formatTemperature(celsius: number): string {
    return formatNumber(celsius, {
        style: 'unit',
        unit: 'celsius',
        maximumFractionDigits: 1,
        minimumFractionDigits: 1,
    });
}

export function formatPercent(percent: number): string {
    return formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}

export function formatMinutes(minutes: number): string {
    return formatNumber(minutes, { style: 'unit', unit: 'minute', unitDisplay: 'long', maximumFractionDigits: 0 });
}

export function formatDateTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
        ? iso
        : new Intl.DateTimeFormat(locale.get(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(isoDate: string): string {
    const date = new Date(`${isoDate}T00:00:00Z`);
    return Number.isNaN(date.getTime())
        ? isoDate
        : new Intl.DateTimeFormat(locale.get(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "3 h 20 min" / "3小时20分钟" until a time, or undefined once it has passed. */
export function formatTimeLeft(untilIso: string, now: number = Date.now()): string | undefined {
    const ms = new Date(untilIso).getTime() - now;
    if (!(ms > 0)) {
        return undefined;
    }
    const minutes = Math.ceil(ms / 60_000);
    const hours = Math.floor(minutes / 60);
    const unit = (value: number, name: 'hour' | 'minute'): string =>
        formatNumber(value, { style: 'unit', unit: name, unitDisplay: 'short' });
    return hours > 0 ? `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}` : unit(minutes, 'minute');
}
