// The member portal in the browser: a hash router over the pages, the header with language and account, and the
// live event stream once someone is signed in.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { liveConnected, loadSession, session, startLive, stopLive } from './api';
import { type Locale, locale, locales, setLocale, t } from './i18n';
import { useSignal } from './signal';
import { AccountBar, SignInPage } from './session-view';
import { DashboardPage } from './pages/dashboard';
import { MemberPage, MembersPage } from './pages/members';
import { MotionPage, MotionsPage } from './pages/motions';
import { ScenarioPage, ScenariosPage } from './pages/scenarios';
import { DealPage, DealsPage } from './pages/deals';
import { ShipmentPage, ShipmentsPage } from './pages/shipments';
import { LedgerPage } from './pages/ledger';

const navigation = [
    ['/', 'nav_dashboard'],
    ['/members', 'nav_members'],
    ['/motions', 'nav_motions'],
    ['/scenarios', 'nav_scenarios'],
    ['/deals', 'nav_deals'],
    ['/shipments', 'nav_shipments'],
    ['/ledger', 'nav_ledger'],
] as const;

function useRoute(): string {
    const [route, setRoute] = useState(location.hash.replace(/^#/, '') || '/');
    useEffect(() => {
        const update = (): void => {
            setRoute(location.hash.replace(/^#/, '') || '/');
        };
        addEventListener('hashchange', update);
        return () => {
            removeEventListener('hashchange', update);
        };
    }, []);
    return route;
}

function Page(props: { route: string }) {
    const [, section = '', id] = props.route.split('/').map(decodeURIComponent);
    switch (section) {
        case 'members':
            return id === undefined ? <MembersPage /> : <MemberPage memberId={id} />;
        case 'motions':
            return id === undefined ? <MotionsPage /> : <MotionPage motionId={id} />;
        case 'scenarios':
            return id === undefined ? <ScenariosPage /> : <ScenarioPage scenarioId={id} />;
        case 'deals':
            return id === undefined ? <DealsPage /> : <DealPage dealId={id} />;
        case 'shipments':
            return id === undefined ? <ShipmentsPage /> : <ShipmentPage shipmentId={id} />;
        case 'ledger':
            return <LedgerPage />;
        default:
            return <DashboardPage />;
    }
}

function LanguageSwitch() {
    const current = useSignal(locale);
    return (
        <label class="language">
            {t('language')}{' '}
            <select
                value={current}
                onChange={(event) => {
                    setLocale(event.currentTarget.value as Locale);
                }}
                data-testid="language"
            >
                {locales.map((value) => (
                    <option key={value} value={value}>
                        {value === 'zh-CN' ? '简体中文' : 'English'}
                    </option>
                ))}
            </select>
        </label>
    );
}

function App() {
    const current = useSignal(locale);
    const info = useSignal(session);
    const live = useSignal(liveConnected);
    const route = useRoute();
    const signedIn = info?.account !== undefined;
    useEffect(() => {
        if (signedIn) {
            startLive();
        } else {
            stopLive();
        }
    }, [signedIn]);
    useEffect(() => {
        document.title = t('appName');
    }, [current]);
    return (
        <div key={current}>
            <a class="skip" href="#main">
                {t('skipToContent')}
            </a>
            <header class="top">
                <h1>{t('appName')}</h1>
                <LanguageSwitch />
                {signedIn && <AccountBar />}
            </header>
            {signedIn && (
                <nav aria-label={t('appName')}>
                    <ul>
                        {navigation.map(([path, key]) => (
                            <li key={path}>
                                <a
                                    href={`#${path}`}
                                    aria-current={
                                        route === path || (path !== '/' && route.startsWith(path)) ? 'page' : undefined
                                    }
                                >
                                    {t(key)}
                                </a>
                            </li>
                        ))}
                    </ul>
                    <span class={live ? 'live on' : 'live off'} role="status" data-testid="live">
                        {live ? t('live') : t('offline')}
                    </span>
                </nav>
            )}
            <main id="main" tabIndex={-1}>
                {info === undefined ? <p>{t('loading')}</p> : signedIn ? <Page route={route} /> : <SignInPage />}
            </main>
        </div>
    );
}

document.documentElement.lang = locale.get();
void loadSession();
const root = document.getElementById('app');
if (root !== null) {
    render(<App />, root);
}
