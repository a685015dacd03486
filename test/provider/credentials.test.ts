/**
 * Each way of logging in that azure-native users set up reaches Azure with the right credential: the
 * real @azure/identity credential logs in to a small Entra ID (test/support/entra.ts), which checks
 * what it is sent as Entra ID does, and the token it hands out is the one the emulated Resource
 * Manager then sees on every request. The sovereign clouds' authority hosts are checked the same way,
 * with the credential's requests routed to that Entra ID.
 */
import { setEnv } from "../support/env";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createDefaultHttpClient, HttpClient } from "@azure/core-rest-pipeline";
import { generate } from "selfsigned";
import { loginCredential } from "../../provider/azure/credentials";
import { resolveSettings } from "../../provider/azure/settings";
import { useStackConfig } from "../../provider/config";
import { providers } from "../../provider/runtime";
import { ArmEmulator } from "../../emulator/server";
import { accessToken, externalToken, FakeEntra, GITHUB_ISSUER, JWT_BEARER, startFakeEntra } from "../support/entra";
import { SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { galleryInputs } from "./inputs";

const TENANT = "6f1c2d3e-0000-4000-8000-00000000c0de";
const FEDERATED_AUDIENCE = "api://AzureADTokenExchange";
/** Variables that choose a login; each test starts without any of them. */
const LOGIN_VARIABLES = /^(ARM_|AZURE_|ACTIONS_ID_TOKEN_|IDENTITY_|MSI_|IMDS_)/;

/** Routes a credential's requests, meant for any host, to the fake Entra ID, saying which host they were for. */
function routedTo(entra: FakeEntra): HttpClient {
    const inner = createDefaultHttpClient();
    return {
        sendRequest: (request) => {
            const meant = new URL(request.url);
            request.headers.set("x-forwarded-host", meant.host);
            request.url = `${entra.url}${meant.pathname}${meant.search}`;
            return inner.sendRequest(request);
        },
    };
}

describe("logging in as azure-native users set it up", function () {
    let emulator: ArmEmulator;
    let entra: FakeEntra;
    let dir: string;
    let lifetime: number;
    const saved = { ...process.env };
    let names = 0;

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0 });
        entra = await startFakeEntra(process.env.EMULATOR_CERT_DIR!);
        lifetime = entra.tokenLifetimeSeconds;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "credentials-"));
    });
    after(async () => {
        setEnv(saved);
        useStackConfig(() => undefined);
        await Promise.all([emulator.stop(), entra.stop()]);
        fs.rmSync(dir, { recursive: true, force: true });
    });
    afterEach(() => {
        setEnv({ ...saved });
        useStackConfig(() => undefined);
        entra.tokenLifetimeSeconds = lifetime;
    });

    /** A fresh environment: the emulator, the subscription, this Entra ID as the authority, and `vars`. */
    function environment(vars: Record<string, string | undefined>, config: Record<string, string> = {}): void {
        const kept = Object.fromEntries(Object.entries(saved).filter(([k]) => !LOGIN_VARIABLES.test(k)));
        const env: NodeJS.ProcessEnv = {
            ...kept,
            ARM_ENDPOINT: emulator.endpoint,
            ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
            ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: entra.url,
            ARM_DISABLE_INSTANCE_DISCOVERY: "true",
        };
        for (const [k, v] of Object.entries(vars)) {
            if (v === undefined) delete env[k];
            else env[k] = v;
        }
        setEnv(env);
        useStackConfig((key) => config[key]);
    }

    /** Creates a gallery through the provider; returns the bearer tokens Azure saw and Entra ID's token requests. */
    async function createGallery() {
        const [armMark, entraMark] = [emulator.requests.length, entra.requests.length];
        const { inputs, failures } = await providers.gallery.check!({}, galleryInputs({ galleryName: `login${++names}` }));
        assert.deepStrictEqual(failures, []);
        await providers.gallery.create(inputs);
        return { tokens: [...new Set(emulator.requests.slice(armMark).map((r) => r.token))], logins: entra.tokenRequests(entraMark), since: entraMark };
    }

    /** The provider refuses before any request reaches Entra ID or Azure. */
    async function refused(message: RegExp) {
        const [armMark, entraMark] = [emulator.requests.length, entra.requests.length];
        const { inputs } = await providers.gallery.check!({}, galleryInputs({ galleryName: `refused${++names}` }));
        await assert.rejects(providers.gallery.create(inputs), message);
        assert.strictEqual(emulator.requests.length, armMark, "no request reached Azure");
        assert.strictEqual(entra.requests.length, entraMark, "no request reached Entra ID");
    }

    const scope = () => `${emulator.endpoint}/.default`;

    it("a client secret in ARM_* variables: a client credentials grant with the secret, at the authority host", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-secret", secret: "s3cret" });
        environment({ ARM_CLIENT_ID: "sp-secret", ARM_CLIENT_SECRET: "s3cret", ARM_TENANT_ID: TENANT });
        const { tokens, logins } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("secret", "sp-secret")]);
        assert.strictEqual(logins.length, 1);
        assert.strictEqual(logins[0].path, `/${TENANT}/oauth2/v2.0/token`);
        assert.strictEqual(new URL(entra.url).host, logins[0].host);
        assert.deepStrictEqual(
            { grant: logins[0].form.grant_type, client: logins[0].form.client_id, secret: logins[0].form.client_secret, scope: logins[0].form.scope, assertion: logins[0].form.client_assertion },
            { grant: "client_credentials", client: "sp-secret", secret: "s3cret", scope: scope(), assertion: undefined },
        );
    });

    it("one login serves every call of the process: three resources' operations ask Entra ID for one token, as one SDK client would", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-once", secret: "once" });
        environment({ ARM_CLIENT_ID: "sp-once", ARM_CLIENT_SECRET: "once", ARM_TENANT_ID: TENANT });
        const runs = [await createGallery(), await createGallery(), await createGallery()];
        assert.deepStrictEqual(runs.map((r) => r.tokens), [[accessToken("secret", "sp-once")], [accessToken("secret", "sp-once")], [accessToken("secret", "sp-once")]]);
        assert.deepStrictEqual(runs.map((r) => r.logins.length), [1, 0, 0], "the token of the first call serves the next ones");
        // Another login in the same process is a credential of its own.
        entra.register({ tenantId: TENANT, clientId: "sp-other-login", secret: "other" });
        environment({ ARM_CLIENT_ID: "sp-other-login", ARM_CLIENT_SECRET: "other", ARM_TENANT_ID: TENANT });
        const other = await createGallery();
        assert.deepStrictEqual([other.tokens, other.logins.length], [[accessToken("secret", "sp-other-login")], 1]);
    });

    it("stack config: this package's keys before azure-native's, and both before ARM_* variables", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-config", secret: "right" });
        environment(
            { ARM_CLIENT_ID: "sp-other", ARM_CLIENT_SECRET: "wrong-env", ARM_TENANT_ID: "other-tenant" },
            { "azure-compute-gallery:clientSecret": "right", "azure-native:clientSecret": "wrong-native", "azure-native:clientId": "sp-config", "azure-native:tenantId": TENANT },
        );
        const { tokens, logins } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("secret", "sp-config")]);
        assert.deepStrictEqual([logins[0].path, logins[0].form.client_secret], [`/${TENANT}/oauth2/v2.0/token`, "right"]);
    });

    it("a client certificate (PEM, key encrypted with its password): a JWT signed with it, which Entra ID verifies", async () => {
        const password = "cert-pass";
        const pems = await generate([{ name: "commonName", value: "gallery-deployer" }], { keyType: "rsa", keySize: 2048, algorithm: "sha256", passphrase: password });
        const file = path.join(dir, "deployer.pem");
        fs.writeFileSync(file, `${pems.private}\n${pems.cert}`);
        assert.match(pems.private, /ENCRYPTED PRIVATE KEY/);
        entra.register({ tenantId: TENANT, clientId: "sp-cert", certificate: pems.cert });
        environment({ ARM_CLIENT_ID: "sp-cert", ARM_TENANT_ID: TENANT, ARM_CLIENT_CERTIFICATE_PATH: file, ARM_CLIENT_CERTIFICATE_PASSWORD: password });
        const { tokens, logins } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("certificate", "sp-cert")]);
        assert.strictEqual(logins[0].form.client_assertion_type, JWT_BEARER);
        assert.strictEqual(logins[0].form.client_secret, undefined);
        assert.deepStrictEqual((await createGallery()).logins, [], "the same certificate is the same credential, and its token serves");
    });

    it("a certificate renewed on disk during a run: the next renewal signs with the new one, which the app now trusts alone", async () => {
        // Within MSAL's 5 minutes, so every call renews its token; beyond the 2 minutes in which an SDK
        // client renews one in the background (@azure/core-rest-pipeline's token cycler).
        entra.tokenLifetimeSeconds = 240;
        const made = (name: string) => generate([{ name: "commonName", value: name }], { keyType: "rsa", keySize: 2048, algorithm: "sha256" });
        const [first, renewed] = [await made("deployer-2026"), await made("deployer-2027")];
        const file = path.join(dir, "renewed.pem");
        fs.writeFileSync(file, `${first.private}\n${first.cert}`);
        const app = { tenantId: TENANT, clientId: "sp-renewed-cert", certificate: first.cert };
        entra.register(app);
        environment({ ARM_CLIENT_ID: "sp-renewed-cert", ARM_TENANT_ID: TENANT, ARM_CLIENT_CERTIFICATE_PATH: file });
        assert.deepStrictEqual((await createGallery()).tokens, [accessToken("certificate", "sp-renewed-cert")]);
        fs.writeFileSync(file, `${renewed.private}\n${renewed.cert}`);
        app.certificate = renewed.cert;
        const after = await createGallery();
        assert.deepStrictEqual([after.tokens, after.logins.map((l) => l.status)], [[accessToken("certificate", "sp-renewed-cert")], [200]]);
    });

    it("OIDC with a token given (ARM_USE_OIDC, ARM_OIDC_TOKEN): the token is the client assertion", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-oidc", federated: { issuer: "https://app.pulumi.com/oidc", subject: "pulumi:deploy:org:images", audience: FEDERATED_AUDIENCE } });
        const token = externalToken({ iss: "https://app.pulumi.com/oidc", sub: "pulumi:deploy:org:images", aud: FEDERATED_AUDIENCE });
        environment({ ARM_USE_OIDC: "true", ARM_CLIENT_ID: "sp-oidc", ARM_TENANT_ID: TENANT, ARM_OIDC_TOKEN: token });
        const { tokens, logins } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("federated", "sp-oidc")]);
        assert.deepStrictEqual([logins[0].form.client_assertion_type, logins[0].form.client_assertion], [JWT_BEARER, token]);
    });

    it("OIDC with a token file (azure-native:oidcTokenFilePath): read at each renewal of the login's one credential, so a renewed file is used", async () => {
        entra.tokenLifetimeSeconds = 240; // every call renews its token (see the renewed certificate above)
        const federated = { issuer: "https://kubernetes.default.svc", subject: "system:serviceaccount:ci:deployer", audience: FEDERATED_AUDIENCE };
        entra.register({ tenantId: TENANT, clientId: "sp-file", federated });
        const file = path.join(dir, "token");
        const first = externalToken({ iss: federated.issuer, sub: federated.subject, aud: FEDERATED_AUDIENCE });
        fs.writeFileSync(file, `${first}\n`);
        environment({}, { "azure-native:useOidc": "true", "azure-native:clientId": "sp-file", "azure-native:tenantId": TENANT, "azure-native:oidcTokenFilePath": file });
        const one = await createGallery();
        assert.deepStrictEqual(one.tokens, [accessToken("federated", "sp-file")]);
        assert.strictEqual(one.logins[0].form.client_assertion, first);
        const renewed = externalToken({ iss: federated.issuer, sub: federated.subject, aud: FEDERATED_AUDIENCE, jti: "renewed" });
        assert.notStrictEqual(renewed, first);
        fs.writeFileSync(file, renewed);
        const two = await createGallery();
        assert.strictEqual(two.logins[0].form.client_assertion, renewed);
    });

    /** An app that trusts GitHub's tokens for this repository, and the settings that log in as it with OIDC. */
    function githubApp(clientId: string) {
        entra.register({ tenantId: TENANT, clientId, federated: { issuer: GITHUB_ISSUER, subject: entra.github.subject, audience: FEDERATED_AUDIENCE } });
        return { ARM_USE_OIDC: "true", ARM_CLIENT_ID: clientId, ARM_TENANT_ID: TENANT };
    }

    it("OIDC in GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_*): asks GitHub for a token for api://AzureADTokenExchange and presents it", async () => {
        environment({ ...githubApp("sp-github"), ACTIONS_ID_TOKEN_REQUEST_TOKEN: entra.github.requestToken, ACTIONS_ID_TOKEN_REQUEST_URL: entra.githubRequestUrl });
        const { tokens, logins, since } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("federated", "sp-github")]);
        // MSAL asks for the assertion more than once per token (msal-node's acquireTokenByClientCredential).
        const asked = entra.requests.slice(since).filter((r) => r.path === "/_github/idtoken");
        assert.ok(asked.length > 0);
        for (const r of asked) assert.deepStrictEqual([r.authorization, r.query, r.status], [`Bearer ${entra.github.requestToken}`, { "api-version": "2.0", audience: FEDERATED_AUDIENCE }, 200]);
        const presented = JSON.parse(Buffer.from(logins[0].form.client_assertion.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
        assert.deepStrictEqual([presented.iss, presented.aud], [GITHUB_ISSUER, FEDERATED_AUDIENCE]);
        assert.deepStrictEqual((await createGallery()).logins, [], "one login is one credential, whose token serves the next call");
    });

    it("OIDC: ARM_OIDC_REQUEST_TOKEN and ARM_OIDC_REQUEST_URL come before GitHub's own variables", async () => {
        environment({
            ...githubApp("sp-request"),
            ARM_OIDC_REQUEST_TOKEN: entra.github.requestToken,
            ARM_OIDC_REQUEST_URL: entra.githubRequestUrl,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: "a-token-github-would-refuse",
            ACTIONS_ID_TOKEN_REQUEST_URL: `${entra.url}/nowhere`,
        });
        assert.deepStrictEqual((await createGallery()).tokens, [accessToken("federated", "sp-request")]);
    });

    it("managed identity (ARM_USE_MSI, a user-assigned identity's ARM_CLIENT_ID): the host's identity endpoint, not Entra ID", async () => {
        environment({ ARM_USE_MSI: "true", ARM_CLIENT_ID: "uami-client", IDENTITY_ENDPOINT: entra.identityEndpoint, IDENTITY_HEADER: entra.identityHeader });
        const { tokens, logins, since } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("msi", "uami-client")]);
        assert.deepStrictEqual(logins, []);
        const asked = entra.requests.slice(since).filter((r) => r.path === "/_msi/token");
        assert.deepStrictEqual([asked[0].query.client_id, asked[0].query.resource, asked[0].identityHeader], ["uami-client", emulator.endpoint, entra.identityHeader]);
    });

    it("nothing configured: DefaultAzureCredential, at the authority host (its environment credential reads AZURE_*)", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-default", secret: "default-secret" });
        environment({ AZURE_CLIENT_ID: "sp-default", AZURE_CLIENT_SECRET: "default-secret", AZURE_TENANT_ID: TENANT });
        const { tokens, logins } = await createGallery();
        assert.deepStrictEqual(tokens, [accessToken("secret", "sp-default")]);
        assert.strictEqual(logins[0].host, new URL(entra.url).host);
    });

    it("DefaultAzureCredential reads AZURE_* when it is built: other values later in the same process log in as what they name", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-default-one", secret: "one" });
        entra.register({ tenantId: TENANT, clientId: "sp-default-two", secret: "two" });
        environment({ AZURE_CLIENT_ID: "sp-default-one", AZURE_CLIENT_SECRET: "one", AZURE_TENANT_ID: TENANT });
        assert.deepStrictEqual((await createGallery()).tokens, [accessToken("secret", "sp-default-one")]);
        environment({ AZURE_CLIENT_ID: "sp-default-two", AZURE_CLIENT_SECRET: "two", AZURE_TENANT_ID: TENANT });
        assert.deepStrictEqual((await createGallery()).tokens, [accessToken("secret", "sp-default-two")]);
    });

    it("useDefaultAzureCredential comes before a client secret, as in azure-native", async () => {
        entra.register({ tenantId: TENANT, clientId: "sp-default2", secret: "default-secret" });
        environment({ ARM_USE_DEFAULT_AZURE_CREDENTIAL: "true", ARM_CLIENT_ID: "sp-unused", ARM_CLIENT_SECRET: "unused", ARM_TENANT_ID: TENANT, AZURE_CLIENT_ID: "sp-default2", AZURE_CLIENT_SECRET: "default-secret", AZURE_TENANT_ID: TENANT });
        assert.deepStrictEqual((await createGallery()).tokens, [accessToken("secret", "sp-default2")]);
    });

    it("a token already held (ARM_ACCESS_TOKEN) is used as it is, whatever else is set", async () => {
        environment({ ARM_ACCESS_TOKEN: "pipeline-token", ARM_CLIENT_ID: "sp-secret", ARM_CLIENT_SECRET: "s3cret" });
        const { tokens, logins } = await createGallery();
        assert.deepStrictEqual([tokens, logins], [["pipeline-token"], []]);
    });

    describe("incomplete settings are errors that name the keys, never a fall-back to another way", function () {
        it("a client id and secret without a tenant", async () => {
            environment({ ARM_CLIENT_ID: "sp", ARM_CLIENT_SECRET: "s" });
            await refused(/client secret .*needs a tenant id and a client id; missing: \(azure-compute-gallery:tenantId, azure-native:tenantId, ARM_TENANT_ID\)\./);
        });
        it("a client certificate without a client id", async () => {
            environment({ ARM_TENANT_ID: TENANT, ARM_CLIENT_CERTIFICATE_PATH: "/nowhere.pem" });
            await refused(/client certificate .*missing: \(azure-compute-gallery:clientId, azure-native:clientId, ARM_CLIENT_ID\)/);
        });
        it("a certificate password without a certificate", async () => {
            environment({ ARM_CLIENT_CERTIFICATE_PASSWORD: "p" });
            await refused(/ARM_CLIENT_CERTIFICATE_PASSWORD\) is set without a certificate: set .*ARM_CLIENT_CERTIFICATE_PATH/);
        });
        it("useOidc with no token source", async () => {
            environment({ ARM_USE_OIDC: "true", ARM_CLIENT_ID: "sp", ARM_TENANT_ID: TENANT });
            await refused(/OIDC .* needs a token: .*ARM_OIDC_TOKEN; or a file, .*ARM_OIDC_TOKEN_FILE_PATH; or a token service, .*ARM_OIDC_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_URL with/);
        });
        it("useOidc with a request token but no request URL", async () => {
            environment({ ARM_USE_OIDC: "true", ARM_CLIENT_ID: "sp", ARM_TENANT_ID: TENANT, ARM_OIDC_REQUEST_TOKEN: "t" });
            await refused(/ARM_OIDC_REQUEST_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN is set without .*ARM_OIDC_REQUEST_URL/);
        });
        it("useOidc without a tenant", async () => {
            environment({ ARM_USE_OIDC: "true", ARM_CLIENT_ID: "sp", ARM_OIDC_TOKEN: "t" });
            await refused(/OIDC .*missing: \(.*ARM_TENANT_ID\)/);
        });
        it("an OIDC token while OIDC is off", async () => {
            environment({ ARM_CLIENT_ID: "sp", ARM_TENANT_ID: TENANT, ARM_OIDC_TOKEN: "t" });
            await refused(/ARM_OIDC_TOKEN is set but OIDC is off: set azure-compute-gallery:useOidc, azure-native:useOidc, ARM_USE_OIDC to true/);
        });
        it("a switch that is neither true nor false", async () => {
            environment({ ARM_USE_MSI: "yes" });
            await refused(/ARM_USE_MSI must be true or false, not "yes"/);
        });
    });

    describe("the cloud's login authority, with the credential's requests routed here", function () {
        // MSAL sends Azure China's requests to the preferred host of its aliases: login.chinacloudapi.cn is
        // an alias of login.partner.microsoftonline.cn (msal-common's AuthorityMetadata, instance discovery).
        const clouds = [
            { cloud: "public", authority: "login.microsoftonline.com", arm: "https://management.azure.com" },
            { cloud: "usgovernment", authority: "login.microsoftonline.us", arm: "https://management.usgovcloudapi.net" },
            { cloud: "china", authority: "login.partner.microsoftonline.cn", arm: "https://management.chinacloudapi.cn" },
        ];
        for (const { cloud, authority, arm } of clouds) {
            for (const way of ["ARM_CLIENT_SECRET", "DefaultAzureCredential"] as const) {
                it(`${cloud}, ${way}: the token request goes to https://${authority}/{tenant}/oauth2/v2.0/token for ${arm}`, async () => {
                    const clientId = `sp-${cloud}-${way}`;
                    entra.register({ tenantId: TENANT, clientId, secret: "cloud-secret" });
                    const login = way === "ARM_CLIENT_SECRET" ? { ARM_CLIENT_ID: clientId, ARM_CLIENT_SECRET: "cloud-secret", ARM_TENANT_ID: TENANT } : { AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: "cloud-secret", AZURE_TENANT_ID: TENANT };
                    environment({ ...login, ARM_ENDPOINT: undefined, ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: undefined, ARM_DISABLE_INSTANCE_DISCOVERY: undefined }, { "azure-native:environment": cloud });
                    const settings = resolveSettings();
                    const mark = entra.requests.length;
                    const token = await loginCredential(settings.login(), settings, { httpClient: routedTo(entra) }).getToken(`${settings.audience}/.default`);
                    assert.strictEqual(token?.token, accessToken("secret", clientId));
                    const asked = entra.requests.slice(mark);
                    assert.deepStrictEqual(asked.map((r) => `${r.method} https://${r.host}${r.path}`), [`POST https://${authority}/${TENANT}/oauth2/v2.0/token`]);
                    assert.strictEqual(asked.at(-1)!.form.scope, `${arm}/.default`);
                });
            }
        }

        it("a private cloud's authority host is checked with login.microsoftonline.com unless instance discovery is off", async () => {
            const host = "login.stack.contoso.example";
            entra.register({ tenantId: TENANT, clientId: "sp-private", secret: "private-secret" });
            environment({ ARM_CLIENT_ID: "sp-private", ARM_CLIENT_SECRET: "private-secret", ARM_TENANT_ID: TENANT, ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: `https://${host}`, ARM_DISABLE_INSTANCE_DISCOVERY: undefined });
            let settings = resolveSettings();
            let mark = entra.requests.length;
            await assert.rejects(loginCredential(settings.login(), settings, { httpClient: routedTo(entra) }).getToken(scope()));
            const discovery = entra.requests.slice(mark);
            assert.deepStrictEqual(discovery.map((r) => `${r.method} https://${r.host}${r.path} ${r.status}`), [`GET https://login.microsoftonline.com/common/discovery/instance 400`]);
            assert.strictEqual(discovery[0].query.authorization_endpoint, `https://${host}/${TENANT}/oauth2/v2.0/authorize`);

            environment({ ARM_CLIENT_ID: "sp-private", ARM_CLIENT_SECRET: "private-secret", ARM_TENANT_ID: TENANT, ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: `https://${host}` }, { "azure-native:disableInstanceDiscovery": "true" });
            settings = resolveSettings();
            mark = entra.requests.length;
            const token = await loginCredential(settings.login(), settings, { httpClient: routedTo(entra) }).getToken(scope());
            assert.strictEqual(token?.token, accessToken("secret", "sp-private"));
            assert.deepStrictEqual(
                entra.requests.slice(mark).map((r) => `${r.method} https://${r.host}${r.path}`),
                [`GET https://${host}/${TENANT}/v2.0/.well-known/openid-configuration`, `POST https://${host}/${TENANT}/oauth2/v2.0/token`],
            );
        });
    });
});
