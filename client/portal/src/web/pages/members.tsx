// The registry: members by status, kind and sector; one member's record and history; applying for membership.
import { type Member, type MemberKind, type Page, memberKinds, memberStatuses } from '@bia/model';
import { useState } from 'preact/hooks';
import { get, post, query, session } from '../api';
import { Badge, Facts, FilterSelect, Link, Table, Time } from '../components/bits';
import { ActionForm, list } from '../components/form';
import { Loading, useLoad } from '../components/load';
import { t, term } from '../i18n';
import { CanAct } from '../session-view';

export function MembersPage() {
    const [filters, setFilters] = useState<{ status?: string; kind?: string }>({});
    const [bookmark, setBookmark] = useState('');
    const url = `/api/members${query({ ...filters, pageSize: 25, bookmark })}`;
    const loaded = useLoad(
        url,
        () => get<Page<Member>>(url),
        (event) => event.name === 'MemberStatusChanged',
    );
    return (
        <section aria-labelledby="members-title">
            <h2 id="members-title">{t('nav_members')}</h2>
            <div class="filters" role="group" aria-label={t('nav_members')}>
                <FilterSelect
                    label={t('status')}
                    value={filters.status ?? ''}
                    values={memberStatuses}
                    onChange={(value) => {
                        setBookmark('');
                        setFilters({ ...filters, status: value || undefined });
                    }}
                />
                <FilterSelect
                    label={t('kind')}
                    value={filters.kind ?? ''}
                    values={memberKinds}
                    onChange={(value) => {
                        setBookmark('');
                        setFilters({ ...filters, kind: value || undefined });
                    }}
                />
            </div>
            <Loading loaded={loaded}>
                {(page) => (
                    <>
                        <Table
                            caption={t('nav_members')}
                            head={[t('memberId'), t('legalName'), t('kind'), t('status')]}
                            rows={page.records.map((member) => [
                                <Link to={`/members/${member.memberId}`}>{member.memberId}</Link>,
                                member.legalName,
                                term(member.kind),
                                <Badge value={member.status} />,
                            ])}
                            empty={t('none')}
                        />
                        {page.bookmark !== '' && page.records.length === 25 && (
                            <button
                                type="button"
                                onClick={() => {
                                    setBookmark(page.bookmark);
                                }}
                            >
                                {t('more')}
                            </button>
                        )}
                    </>
                )}
            </Loading>
            <CanAct>
                <ApplyForm />
            </CanAct>
        </section>
    );
}

function ApplyForm() {
    const mspId = session.get()?.organization.mspId ?? '';
    return (
        <ActionForm
            title={t('apply')}
            fields={[
                { name: 'memberId', label: t('memberId') },
                { name: 'hostMspId', label: t('hostMspId'), value: mspId },
                { name: 'legalName', label: t('legalName') },
                {
                    name: 'kind',
                    label: t('kind'),
                    type: 'select',
                    options: memberKinds.map((kind) => ({ value: kind, label: term(kind) })),
                },
                { name: 'sectors', label: t('sectors') },
                { name: 'website', label: t('website'), type: 'url' },
                { name: 'contactName', label: t('contactName') },
                { name: 'contactEmail', label: t('contactEmail'), type: 'email' },
            ]}
            onSubmit={(values) =>
                post('/api/members', {
                    memberId: values.memberId,
                    hostMspId: values.hostMspId,
                    legalName: values.legalName,
                    kind: values.kind as MemberKind,
                    sectors: list(values.sectors),
                    website: values.website,
                    contact: { name: values.contactName, email: values.contactEmail },
                })
            }
        />
    );
}

export function MemberPage(props: { memberId: string }) {
    const { memberId } = props;
    const loaded = useLoad(
        `member-${memberId}`,
        () => get<Member>(`/api/members/${memberId}`),
        (event) => event.payload.memberId === memberId,
    );
    return (
        <section aria-labelledby="member-title">
            <h2 id="member-title">{memberId}</h2>
            <Loading loaded={loaded}>
                {(member) => (
                    <>
                        <Facts
                            rows={[
                                [t('legalName'), member.legalName],
                                [t('kind'), term(member.kind)],
                                [
                                    t('status'),
                                    <>
                                        <Badge value={member.status} />
                                        {member.founding ? ` · ${t('founding')}` : ''}
                                    </>,
                                ],
                                [t('sector'), member.sectors.join(', ')],
                                [t('hostMspId'), member.hostMspId],
                                [
                                    t('website'),
                                    <a href={member.website} rel="noreferrer noopener">
                                        {member.website}
                                    </a>,
                                ],
                                [t('contactName'), `${member.contact.name} <${member.contact.email}>`],
                            ]}
                        />
                        <Table
                            caption={t('history')}
                            head={[t('at'), t('status'), t('reason')]}
                            rows={member.transitions.map((transition) => [
                                <Time iso={transition.stamp.at} />,
                                <>
                                    {transition.from === null ? '' : `${term(transition.from)} → `}
                                    <Badge value={transition.to} />
                                </>,
                                transition.motionId === undefined ? (
                                    transition.reason
                                ) : (
                                    <>
                                        {transition.reason} (
                                        <Link to={`/motions/${transition.motionId}`}>{transition.motionId}</Link>)
                                    </>
                                ),
                            ])}
                            empty={t('none')}
                        />
                    </>
                )}
            </Loading>
        </section>
    );
}
