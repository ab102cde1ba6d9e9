// The member portal in a real browser (Debian's Chromium, driven by playwright-core) against a devnet with the
// shortened founding day: what operators of two organisations see and may do, live updates, the chart, and the
// security rules as a person meets them. Screenshots go to BIA_SCREENSHOTS (the README's come from here).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import type { Deal, Motion, Provenance } from '@bia/model';
import { HttpSession } from './support/http-session';
import { chromiumPath, skipWithoutChromium, skipWithoutNodeSqlite } from './support/requirements';
import { type OrgPortal, type PortalWorld, closeSharedPortalWorld, sharedPortalWorld, story } from './support/world';

const screenshots = process.env.BIA_SCREENSHOTS;

after(closeSharedPortalWorld);

describe('member portal in a browser', function () {
    this.timeout(300_000);
    skipWithoutNodeSqlite(this);
    skipWithoutChromium(this);
    let world: PortalWorld;
    let browser: Browser | undefined;
    let healthco: OrgPortal;
    let centres: OrgPortal;
    const contexts: BrowserContext[] = [];

    before(async () => {
        world = await sharedPortalWorld();
        healthco = world.portalOf('healthco');
        centres = world.portalOf('healthcentres');
        browser = await chromium.launch({
            executablePath: chromiumPath,
            args: [
                '--no-sandbox',
                '--disable-gpu',
                '--disable-quic',
                '--no-first-run',
                '--disable-background-networking',
                '--disable-component-update',
                '--disable-sync',
            ],
        });
        if (screenshots !== undefined) {
            mkdirSync(screenshots, { recursive: true });
        }
    });

    after(async () => {
        await Promise.allSettled(contexts.map((context) => context.close()));
        await browser?.close();
    });

    async function pageFor(
        portal: OrgPortal,
        role: 'operator' | 'viewer' | 'applicant' = 'operator',
        options: { locale?: string; viewport?: { width: number; height: number } } = {},
    ): Promise<Page> {
        if (browser === undefined) {
            throw new Error('the browser did not start');
        }
        const context = await browser.newContext({
            locale: options.locale ?? 'en-GB',
            viewport: options.viewport ?? { width: 1280, height: 900 },
            timezoneId: 'Asia/Shanghai',
        });
        contexts.push(context);
        const page = await context.newPage();
        lastPage = page;
        await page.goto(portal.url);
        await page.getByLabel(/Username|用户名/).fill(portal[role].username);
        await page.getByLabel(/Password|密码/).fill(portal[role].password);
        await page.getByRole('button', { name: /Sign in|登录/ }).click();
        await page.getByTestId('username').waitFor();
        return page;
    }

    /**
     * Waits for a form's outcome and fails with the refusal's text when it was refused. `lasting` is an outcome that
     * outlives the form, for a form the page removes once it has done its work.
     */
    async function settled(form: Locator, lasting?: Locator): Promise<void> {
        const done = lasting === undefined ? form.getByRole('status') : form.getByRole('status').or(lasting);
        const outcome = done.or(form.getByRole('alert'));
        await outcome.first().waitFor({ timeout: 60_000 });
        const refusal = form.getByRole('alert');
        if ((await refusal.count()) > 0) {
            throw new Error(`the form was refused: ${(await refusal.first().textContent()) ?? ''}`);
        }
    }

    let lastPage: Page | undefined;
    afterEach(async function () {
        if (this.currentTest?.state === 'failed' && lastPage !== undefined) {
            const file = join(process.env.BIA_FAILURE_SCREENSHOTS ?? tmpdir(), `portal-failure-${Date.now()}.png`);
            await lastPage.screenshot({ path: file, fullPage: true }).catch(() => undefined);
            console.log(`      screenshot of the failing page: ${file}`);
        }
    });

    async function shot(page: Page, name: string): Promise<void> {
        if (screenshots !== undefined) {
            await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
        }
    }

    // One API session per account (sign-in is rate-limited per username).
    const apiSessions = new Map<string, Promise<HttpSession>>();
    function api(portal: OrgPortal, role: 'operator' | 'applicant' = 'operator'): Promise<HttpSession> {
        const key = `${portal.url}|${role}`;
        let session = apiSessions.get(key);
        if (session === undefined) {
            session = (async () => {
                const fresh = new HttpSession(portal.url);
                await fresh.signIn(portal[role].username, portal[role].password);
                return fresh;
            })();
            apiSessions.set(key, session);
        }
        return session;
    }

    it('speaks Simplified Chinese to a Chinese browser and English when switched, with locale formats', async () => {
        const page = await pageFor(healthco, 'operator', { locale: 'zh-CN' });
        expect(await page.getAttribute('html', 'lang')).to.equal('zh-CN');
        await page.getByRole('heading', { name: '概览' }).waitFor();
        await page.getByTestId('pilot-cap').waitFor();
        expect(await page.getByTestId('pilot-cap').textContent()).to.match(/正在试点 \d+ \/ 上限 \d+/);
        await shot(page, 'dashboard-zh');
        await page.getByTestId('language').selectOption('en');
        await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
        expect(await page.getAttribute('html', 'lang')).to.equal('en');
        expect(await page.getByTestId('pilot-cap').textContent()).to.match(/\d+ of \d+ pilots running/);
        await shot(page, 'dashboard-en');
    });

    it('shows a vote cast by another organisation in the tally without a reload', async () => {
        const applicant = `browser-${Date.now().toString(36)}`;
        const healthcoApi = await api(healthco);
        const applied = await (
            await api(healthco, 'applicant')
        ).post('/api/members', {
            memberId: applicant,
            hostMspId: 'HealthcoMSP',
            legalName: `${applicant} Ltd`,
            kind: 'university',
            sectors: ['education'],
            website: `https://${applicant}.example`,
            contact: { name: 'Contact Person', email: `office@${applicant}.example` },
        });
        expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
        let motion: Motion | undefined;
        for (let i = 0; i < 100 && motion === undefined; i++) {
            motion = (await healthcoApi.get<Motion[]>('/api/motions?status=open')).body.find(
                (m) => m.subjectId === applicant,
            );
            if (motion === undefined) {
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        }
        expect(motion, 'the admission motion').not.to.equal(undefined);
        const motionId = motion?.motionId ?? '';
        const watcher = await pageFor(centres);
        await watcher.goto(`${centres.url}/#/motions/${motionId}`);
        const tally = watcher.getByTestId(`tally-${motionId}`);
        await tally.waitFor();
        expect(await tally.textContent()).to.match(/yes 0 /);
        const voter = await pageFor(healthco);
        await voter.goto(`${healthco.url}/#/motions/${motionId}`);
        const ballot = voter.getByRole('form', { name: 'Vote' });
        await ballot.getByRole('combobox').selectOption('yes');
        await ballot.getByRole('button', { name: 'Submit' }).click();
        await settled(ballot);
        // Locators, not page functions: the portal's Content-Security-Policy forbids evaluating strings.
        await watcher
            .getByTestId(`tally-${motionId}`)
            .filter({ hasText: /yes 1 / })
            .waitFor({ timeout: 20_000 });
        await shot(watcher, 'motion-live-tally');
    });

    it("shows a deal's terms to a party's operator with the hash check, and refuses another organisation's", async () => {
        const deal = story.deals.find(
            (d) => d.partyMemberIds.includes(healthco.memberId) && !d.partyMemberIds.includes(centres.memberId),
        );
        const dealId = deal?.dealId ?? '';
        const party = await pageFor(healthco);
        await party.goto(`${healthco.url}/#/deals/${dealId}`);
        await party.getByRole('button', { name: 'Show the confidential terms' }).click();
        await party.getByTestId('terms-check').waitFor();
        expect(await party.getByTestId('terms-check').textContent()).to.match(/matches the hash on the ledger/);
        expect(await party.getByTestId('terms-text').textContent()).to.not.equal('');
        await shot(party, 'deal-terms');
        const outsider = await pageFor(centres);
        await outsider.goto(`${centres.url}/#/deals/${dealId}`);
        await outsider.getByRole('button', { name: 'Show the confidential terms' }).click();
        const alert = outsider.getByRole('alert');
        await alert.waitFor();
        expect(await alert.getAttribute('data-code')).to.equal('UNAUTHORIZED');
        expect(await outsider.getByTestId('terms-text').count()).to.equal(0);
    });

    it('signs a new deal by both parties through the forms until it is inked', async () => {
        const dealId = `deal-ui-${Date.now().toString(36)}`;
        const drafter = await pageFor(healthco);
        await drafter.goto(`${healthco.url}/#/deals`);
        const form = drafter.getByRole('form', { name: 'Draft a deal' });
        await form.getByLabel('ID', { exact: true }).fill(dealId);
        await form.getByLabel('Kind').selectOption('cooperation');
        await form.getByLabel('Title').fill('Joint cold-chain training');
        await form.getByLabel('Summary').fill('Two days of training for drivers and nurses');
        await form.getByLabel('Party member IDs (comma separated)').fill(`${healthco.memberId}, ${centres.memberId}`);
        await form.getByLabel(/Terms/).fill('Each party pays its own staff; the venue is shared.');
        await form.getByRole('button', { name: 'Submit' }).click();
        await settled(form);
        for (const [portal, page] of [
            [healthco, drafter],
            [centres, await pageFor(centres)],
        ] as const) {
            await page.goto(`${portal.url}/#/deals/${dealId}`);
            const sign = page.getByRole('form', { name: 'Sign the current terms' });
            await sign.getByRole('button', { name: 'Submit' }).click();
            // The last signature inks the deal and the page drops the form, its outcome with it: the party's row
            // saying "signed" is what stays.
            await settled(sign, page.getByRole('row', { name: new RegExp(`^${portal.memberId} .* signed`) }));
        }
        const deal = (await (await api(healthco)).get<Deal>(`/api/deals/${dealId}`)).body;
        expect(deal.status).to.equal('inked');
        expect(deal.signatures.map((s) => s.memberId).sort()).to.deep.equal(
            [healthco.memberId, centres.memberId].sort(),
        );
    });

    it("marks an out-of-range checkpoint as an excursion on the chart in another operator's open page", async () => {
        const consignment = story.transport.consignments[0];
        expect(consignment).not.to.equal(undefined);
        const shipments = (
            await (
                await api(healthco)
            ).get<{
                records: {
                    shipmentId: string;
                    status: string;
                    custodianMemberId: string;
                    conditions: { maxTemperatureC: number };
                }[];
            }>('/api/shipments?pageSize=100')
        ).body.records;
        // A new shipment under an inked healthco deal, so there is an open custody to record in.
        const inked = (
            await (await api(healthco)).get<{ records: Deal[] }>('/api/deals?status=inked')
        ).body.records.find((d) => d.parties.some((p) => p.memberId === healthco.memberId) && d.parties.length >= 2);
        expect(inked, 'an inked deal with healthco').not.to.equal(undefined);
        const receiver = inked?.parties.find((p) => p.memberId !== healthco.memberId)?.memberId ?? '';
        const shipmentId = `shp-ui-${Date.now().toString(36)}`;
        const healthcoApi = await api(healthco);
        const created = await healthcoApi.post('/api/shipments', {
            shipmentId,
            dealId: inked?.dealId,
            receiverMemberId: receiver,
            carrierMemberId: healthco.memberId,
            contents: { category: 'vaccine', description: 'Influenza vaccine', quantity: 200, unit: 'vials' },
            conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 240 },
        });
        expect(created.status, JSON.stringify(created.body)).to.equal(201);
        expect(shipments.length).to.be.greaterThan(0);
        const watcher = await pageFor(centres);
        await watcher.goto(`${centres.url}/#/shipments/${shipmentId}`);
        const chart = watcher.getByTestId('temperature-chart');
        await chart.waitFor();
        expect(await chart.getAttribute('data-excursions')).to.equal('0');
        const recorder = await pageFor(healthco);
        await recorder.goto(`${healthco.url}/#/shipments/${shipmentId}`);
        const form = recorder.getByRole('form', { name: 'Record a checkpoint' });
        await form.getByLabel('Reading ID').fill('r1');
        await form.getByLabel('Sensor ID').fill('s1');
        await form.getByLabel('Location').fill('Guangzhou South');
        await form.getByLabel('Temperature (°C)').fill('12.5');
        await form.getByRole('button', { name: 'Submit' }).click();
        await settled(form);
        await watcher.locator('[data-testid="temperature-chart"][data-excursions="1"]').waitFor({ timeout: 20_000 });
        const provenance = (await healthcoApi.get<Provenance>(`/api/shipments/${shipmentId}/provenance`)).body;
        expect(provenance.excursions.map((c) => c.readingId)).to.deep.equal(['r1']);
        await shot(watcher, 'shipment-excursion');
    });

    it('lists recent blocks with their validation codes', async () => {
        const page = await pageFor(centres);
        await page.goto(`${centres.url}/#/ledger`);
        await page.getByTestId('validation-code').first().waitFor();
        expect(await page.getByTestId('validation-code').allTextContents()).to.include('VALID');
        await shot(page, 'ledger');
    });

    it('lets a viewer look but shows no forms', async () => {
        const page = await pageFor(healthco, 'viewer');
        await page.goto(`${healthco.url}/#/members`);
        await page.getByText('A viewer account can look but not submit transactions.').waitFor();
        expect(await page.getByRole('form', { name: 'Apply for membership' }).count()).to.equal(0);
    });

    it("shows the chaincode's refusal when an operator acts for another organisation's member", async () => {
        const page = await pageFor(healthco);
        await page.goto(`${healthco.url}/#/scenarios`);
        const form = page.getByRole('form', { name: 'Propose a pilot scenario' });
        await form.getByLabel('ID', { exact: true }).fill(`sc-foreign-${Date.now().toString(36)}`);
        await form.getByLabel('Title').fill('A pilot led by somebody else');
        await form.getByLabel('Sector').fill('healthcare');
        await form.getByLabel('Problem').fill('Acting for another organisation');
        await form.getByLabel('Expected outcome').fill('A refusal');
        await form.getByLabel('Lead member').fill(centres.memberId);
        await form.getByLabel('Planned start').fill('2027-03-01');
        await form.getByLabel('Planned end').fill('2027-09-30');
        await form.getByRole('button', { name: 'Submit' }).click();
        const alert = form.getByRole('alert');
        await alert.waitFor();
        expect(await alert.getAttribute('data-code')).to.equal('UNAUTHORIZED');
        expect(await alert.textContent()).to.match(/Not allowed for this identity/);
        await shot(page, 'refusal');
    });

    it('refuses a forged cross-site request and changes nothing', async () => {
        const victim = await pageFor(healthco);
        const memberId = `forged-${Date.now().toString(36)}`;
        const attacker: Server = createServer((_request, response) => {
            response.setHeader('content-type', 'text/html');
            response.end(`<!doctype html><body><script>
                fetch(${JSON.stringify(`${healthco.url}/api/members`)}, {
                    method: 'POST', credentials: 'include', mode: 'no-cors',
                    headers: { 'content-type': 'text/plain' },
                    body: JSON.stringify({ memberId: ${JSON.stringify(memberId)}, hostMspId: 'HealthcoMSP' }),
                }).finally(() => { document.title = 'sent'; });
            </script></body>`);
        });
        await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.2', resolve));
        try {
            const { port } = attacker.address() as AddressInfo;
            await victim.goto(`http://127.0.0.2:${port}/`);
            await victim.waitForFunction(`document.title === 'sent'`);
        } finally {
            attacker.close();
        }
        const check = await api(healthco);
        expect((await check.get(`/api/members/${memberId}`)).status).to.equal(404);
    });

    it('sends the user back to sign in when the session expires', async () => {
        const short = await world.extraPortal('healthco', { sessionSeconds: 8 });
        const page = await pageFor(short);
        await new Promise((resolve) => setTimeout(resolve, 9000));
        await page.goto(`${short.url}/#/members`);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
    });

    it('fits a tablet', async () => {
        const page = await pageFor(healthco, 'operator', { locale: 'zh-CN', viewport: { width: 820, height: 1180 } });
        await page.getByTestId('pilot-cap').waitFor();
        const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow).to.be.at.most(0);
        await shot(page, 'dashboard-tablet-zh');
    });
});
