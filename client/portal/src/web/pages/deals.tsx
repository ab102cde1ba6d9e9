// Deals: parties, signatures, and the confidential terms, shown only to the parties' operators (the chaincode decides:
// anyone else is refused), with a check of the terms against the hash on the ledger.
import { type Deal, type DealKind, type Page, type TermsCheck, dealKinds, dealStatuses } from '@bia/model';
import { useState } from 'preact/hooks';
import { ApiError, get, post, query } from '../api';
import { Badge, Facts, FilterSelect, Link, Table, Time } from '../components/bits';
import { ActionForm, list } from '../components/form';
import { Loading, useLoad } from '../components/load';
import { ProblemMessage } from '../components/problem';
import { t, term } from '../i18n';
import { CanAct } from '../session-view';

export function DealsPage() {
    const [status, setStatus] = useState('');
    const url = `/api/deals${query({ status, pageSize: 100 })}`;
    const loaded = useLoad(
        url,
        () => get<Page<Deal>>(url),
        (event) => event.name === 'DealStatusChanged',
    );
    return (
        <section aria-labelledby="deals-title">
            <h2 id="deals-title">{t('nav_deals')}</h2>
            <div class="filters">
                <FilterSelect label={t('status')} value={status} values={dealStatuses} onChange={setStatus} />
            </div>
            <Loading loaded={loaded}>
                {(page) => (
                    <Table
                        caption={t('nav_deals')}
                        head={[t('id'), t('title'), t('kind'), t('parties'), t('status')]}
                        rows={page.records.map((deal) => [
                            <Link to={`/deals/${deal.dealId}`}>{deal.dealId}</Link>,
                            deal.title,
                            term(deal.kind),
                            deal.parties.map((party) => party.memberId).join(', '),
                            <Badge value={deal.status} />,
                        ])}
                        empty={t('none')}
                    />
                )}
            </Loading>
            <CanAct>
                <ActionForm
                    title={t('draftDeal')}
                    fields={[
                        { name: 'dealId', label: t('id') },
                        {
                            name: 'kind',
                            label: t('kind'),
                            type: 'select',
                            options: dealKinds.map((kind) => ({ value: kind, label: term(kind) })),
                        },
                        { name: 'title', label: t('title') },
                        { name: 'summary', label: t('summary'), type: 'textarea' },
                        { name: 'partyMemberIds', label: t('partyIds') },
                        { name: 'terms', label: t('termsText'), type: 'textarea' },
                    ]}
                    onSubmit={(values) =>
                        post('/api/deals', {
                            dealId: values.dealId,
                            kind: values.kind as DealKind,
                            title: values.title,
                            summary: values.summary,
                            partyMemberIds: list(values.partyMemberIds),
                            terms: { text: values.terms, salt: randomSalt() },
                        })
                    }
                    onDone={loaded.reload}
                />
            </CanAct>
        </section>
    );
}

/** The salt hashed with the terms: random, so nobody can confirm a guessed text against the public hash. */
function randomSalt(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface StoredTerms {
    readonly dealId: string;
    readonly termsVersion: number;
    readonly text: string;
    readonly salt: string;
}

function Terms(props: { deal: Deal }) {
    const [terms, setTerms] = useState<StoredTerms | undefined>(undefined);
    const [check, setCheck] = useState<TermsCheck | undefined>(undefined);
    const [error, setError] = useState<ApiError | undefined>(undefined);
    const show = async (): Promise<void> => {
        try {
            const stored = await get<StoredTerms>(`/api/deals/${props.deal.dealId}/terms`);
            setTerms(stored);
            setCheck(
                await post<TermsCheck>(`/api/deals/${props.deal.dealId}/terms-check`, {
                    terms: { text: stored.text, salt: stored.salt },
                }),
            );
            setError(undefined);
        } catch (failure) {
            setError(failure instanceof ApiError ? failure : undefined);
        }
    };
    return (
        <article class="card" aria-labelledby="terms-title">
            <h3 id="terms-title">{t('terms')}</h3>
            {terms === undefined ? (
                <button type="button" onClick={() => void show()}>
                    {t('showTerms')}
                </button>
            ) : (
                <>
                    <pre class="terms" data-testid="terms-text">
                        {terms.text}
                    </pre>
                    {check !== undefined && (
                        <p class={check.matches ? 'done' : 'problem'} data-testid="terms-check">
                            {t('termsHash')} v{check.termsVersion}:{' '}
                            {check.matches ? t('termsMatch') : t('termsMismatch')}
                        </p>
                    )}
                </>
            )}
            {error !== undefined && <ProblemMessage error={error} />}
        </article>
    );
}

export function DealPage(props: { dealId: string }) {
    const { dealId } = props;
    const loaded = useLoad(
        `deal-${dealId}`,
        () => get<Deal>(`/api/deals/${dealId}`),
        (event) => event.payload.dealId === dealId,
    );
    return (
        <section aria-labelledby="deal-title">
            <h2 id="deal-title">{dealId}</h2>
            <Loading loaded={loaded}>
                {(deal) => (
                    <>
                        <Facts
                            rows={[
                                [t('title'), deal.title],
                                [t('kind'), term(deal.kind)],
                                [t('status'), <Badge value={deal.status} />],
                                [t('summary'), deal.summary],
                                [t('termsHash'), <code class="hash">{deal.termsHash}</code>],
                                [t('termsVersion'), String(deal.termsVersion)],
                            ]}
                        />
                        <Table
                            caption={t('parties')}
                            head={[t('nav_members'), 'MSP', t('signatures')]}
                            rows={deal.parties.map((party) => {
                                const signature = deal.signatures.find(
                                    (s) => s.memberId === party.memberId && s.termsHash === deal.termsHash,
                                );
                                return [
                                    <Link to={`/members/${party.memberId}`}>{party.memberId}</Link>,
                                    party.mspId,
                                    signature === undefined ? (
                                        t('awaiting')
                                    ) : (
                                        <>
                                            {t('signed')} · <Time iso={signature.signed.at} />
                                        </>
                                    ),
                                ];
                            })}
                            empty={t('none')}
                        />
                        <Terms deal={deal} />
                        {deal.status === 'draft' && (
                            <CanAct>
                                <ActionForm
                                    title={t('sign')}
                                    fields={[]}
                                    onSubmit={() =>
                                        post(`/api/deals/${dealId}/signatures`, { termsHash: deal.termsHash })
                                    }
                                    onDone={loaded.reload}
                                />
                            </CanAct>
                        )}
                    </>
                )}
            </Loading>
        </section>
    );
}
