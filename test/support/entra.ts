/**
 * A small Microsoft Entra ID for tests, over HTTPS with the emulator's CA, that the real
 * @azure/identity credentials log in to. It serves what Microsoft documents for an app's own login:
 *
 * - the OpenID Connect metadata document, `GET /{tenant}/v2.0/.well-known/openid-configuration`
 *   ("OpenID Connect on the Microsoft identity platform");
 * - the token endpoint of the client credentials flow, `POST /{tenant}/oauth2/v2.0/token` with
 *   `grant_type=client_credentials`, `client_id`, a `scope` ending in `/.default`, and either
 *   `client_secret` or `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`
 *   with a `client_assertion` ("Microsoft identity platform and the OAuth 2.0 client credentials
 *   flow"): a JWT signed with the app's certificate ("Microsoft identity platform certificate
 *   credentials": `x5t#S256` or `x5t`, `aud` the token endpoint, `iss` and `sub` the client id), or a
 *   token from an external issuer that a federated credential trusts by issuer, subject and audience
 *   ("Workload identity federation"; the issuer's own signature is not checked here);
 * - instance discovery, `GET /common/discovery/instance`, which refuses hosts it does not know
 *   (AADSTS50049, `invalid_instance`).
 *
 * Beside it, two token services the credentials also call: GitHub Actions' ID-token request
 * (`ACTIONS_ID_TOKEN_REQUEST_URL`: bearer request token, `audience` query, `{ value }` answer) and an
 * App Service managed identity endpoint (`IDENTITY_ENDPOINT` with the `X-IDENTITY-HEADER` secret,
 * api-version 2019-08-01, `resource` and optional `client_id`).
 *
 * Each request is recorded with the host it was meant for (a test may route another host's requests
 * here with `x-forwarded-host`). Access tokens say who earned them: `entra.<way>.<client id>`.
 */
import { createHash, createPublicKey, constants, verify, X509Certificate } from "crypto";
import * as https from "https";
import { AddressInfo } from "net";
import { issueServerCertificate } from "../../emulator/cert";

export interface Application {
    tenantId: string;
    clientId: string;
    secret?: string;
    /** PEM of the certificate registered for the app. */
    certificate?: string;
    /** A federated credential: the external token's issuer, subject and audience. */
    federated?: { issuer: string; subject: string; audience: string };
}

export interface EntraRequest {
    method: string;
    /** The host the request was meant for. */
    host: string;
    path: string;
    query: Record<string, string>;
    form: Record<string, string>;
    authorization?: string;
    identityHeader?: string;
    status: number;
}

export type Way = "secret" | "certificate" | "federated" | "msi";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

export const accessToken = (way: Way, clientId: string) => `entra.${way}.${clientId}`;

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

/** A JWT-shaped token from an external issuer, as a CI hands one out (not signed: nothing here checks it). */
export function externalToken(claims: { iss: string; sub: string; aud: string; jti?: string }): string {
    return [b64url(JSON.stringify({ alg: "RS256", typ: "JWT" })), b64url(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })), b64url("unsigned")].join(".");
}

function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signed: string; signature: Buffer } | undefined {
    const parts = jwt.split(".");
    if (parts.length !== 3) return undefined;
    try {
        return {
            header: JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as Record<string, unknown>,
            payload: JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as Record<string, unknown>,
            signed: `${parts[0]}.${parts[1]}`,
            signature: Buffer.from(parts[2], "base64url"),
        };
    } catch {
        return undefined;
    }
}

class Refusal extends Error {
    constructor(
        readonly status: number,
        readonly error: string,
        description: string,
    ) {
        super(description);
    }
}

export class FakeEntra {
    readonly requests: EntraRequest[] = [];
    private readonly apps: Application[] = [];
    /** GitHub Actions' side: the request token it accepts and the subject of the tokens it issues. */
    github = { requestToken: "github-request-token", subject: "repo:contoso/images:ref:refs/heads/main" };
    /** The App Service side: the secret header it expects. */
    identityHeader = "identity-header-secret";
    /**
     * How long the access tokens it hands out last: Entra ID's are valid 60 to 90 minutes ("Access
     * tokens in the Microsoft identity platform", token lifetime), and MSAL renews one 5 minutes before
     * it expires (msal-common's DEFAULT_TOKEN_RENEWAL_OFFSET_SEC), so with a lifetime under that every
     * request for a token is a renewal.
     */
    tokenLifetimeSeconds = 3599;

    constructor(
        private readonly server: https.Server,
        readonly url: string,
    ) {}

    register(app: Application): void {
        this.apps.push(app);
    }

    /** GitHub Actions' ID-token request URL, with the query GitHub puts in it. */
    get githubRequestUrl(): string {
        return `${this.url}/_github/idtoken?api-version=2.0`;
    }

    get identityEndpoint(): string {
        return `${this.url}/_msi/token`;
    }

    tokenRequests(since = 0): EntraRequest[] {
        return this.requests.slice(since).filter((r) => r.method === "POST" && /\/oauth2\/v2\.0\/token$/.test(r.path));
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    /** Answers one request: a status and a JSON body. */
    answer(method: string, host: string, path: string, query: Record<string, string>, form: Record<string, string>, headers: Record<string, string | undefined>): unknown {
        const base = `https://${host}`;
        const tenants = new Set(this.apps.map((a) => a.tenantId));
        let m: RegExpExecArray | null;
        if (method === "GET" && path === "/_github/idtoken") {
            if (headers.authorization !== `Bearer ${this.github.requestToken}`) throw new Refusal(401, "unauthorized", "Bad request token.");
            if (!query.audience) throw new Refusal(400, "invalid_request", "audience is required.");
            return { count: 1, value: externalToken({ iss: GITHUB_ISSUER, sub: this.github.subject, aud: query.audience }) };
        }
        if (method === "GET" && path === "/_msi/token") {
            if (headers["x-identity-header"] !== this.identityHeader) throw new Refusal(401, "unauthorized", "X-IDENTITY-HEADER is missing or wrong.");
            if (query["api-version"] !== "2019-08-01" || !query.resource) throw new Refusal(400, "invalid_request", "api-version 2019-08-01 and resource are required.");
            const clientId = query.client_id ?? "system-assigned";
            return { access_token: accessToken("msi", clientId), expires_on: String(Math.floor(Date.now() / 1000) + this.tokenLifetimeSeconds), resource: query.resource, token_type: "Bearer", client_id: clientId };
        }
        if (method === "GET" && path === "/common/discovery/instance") {
            const endpoint = new URL(query.authorization_endpoint ?? "https://invalid");
            if (endpoint.host !== "login.microsoftonline.com") throw new Refusal(400, "invalid_instance", "AADSTS50049: Unknown or invalid instance.");
            const tenant = endpoint.pathname.split("/")[1];
            return { tenant_discovery_endpoint: `${base}/${tenant}/v2.0/.well-known/openid-configuration`, "api-version": "1.1", metadata: [{ preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: ["login.microsoftonline.com", "login.windows.net"] }] };
        }
        if (method === "GET" && (m = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path))) {
            const tenant = m[1];
            if (!tenants.has(tenant)) throw new Refusal(400, "invalid_tenant", `AADSTS90002: Tenant '${tenant}' not found.`);
            return {
                issuer: `${base}/${tenant}/v2.0`,
                authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
                token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
                jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
                end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
                token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            };
        }
        if (method === "POST" && (m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path))) {
            const tenant = m[1];
            if (form.grant_type !== "client_credentials") throw new Refusal(400, "unsupported_grant_type", `AADSTS70003: The app requested an unsupported grant type '${form.grant_type}'.`);
            const app = this.apps.find((a) => a.tenantId === tenant && a.clientId === form.client_id);
            if (!app) throw new Refusal(400, "unauthorized_client", `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory '${tenant}'.`);
            if (!form.scope || !form.scope.split(" ").every((s) => s.endsWith("/.default"))) {
                throw new Refusal(400, "invalid_scope", "AADSTS1002012: Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
            }
            const way = this.authenticate(app, form, `${base}${path}`);
            return { token_type: "Bearer", expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds, access_token: accessToken(way, app.clientId) };
        }
        throw new Refusal(404, "not_found", `${method} ${path}`);
    }

    private authenticate(app: Application, form: Record<string, string>, tokenEndpoint: string): Way {
        if (form.client_secret !== undefined) {
            if (form.client_assertion !== undefined) throw new Refusal(400, "invalid_request", "AADSTS50027: Only one client credential may be presented.");
            if (app.secret === undefined || form.client_secret !== app.secret) throw new Refusal(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return "secret";
        }
        if (form.client_assertion_type !== JWT_BEARER || !form.client_assertion) {
            throw new Refusal(401, "invalid_client", "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        const jwt = decodeJwt(form.client_assertion);
        if (!jwt) throw new Refusal(401, "invalid_client", "AADSTS50027: The client assertion is not a valid JWT.");
        const thumbprint = jwt.header["x5t#S256"] ?? jwt.header.x5t;
        if (thumbprint !== undefined && app.certificate) return this.checkCertificateAssertion(app, app.certificate, jwt, tokenEndpoint);
        const f = app.federated;
        const { iss, sub, aud } = jwt.payload;
        if (!f || iss !== f.issuer || sub !== f.subject) {
            throw new Refusal(400, "invalid_request", `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${String(iss)}'. Assertion Subject: '${String(sub)}'.`);
        }
        if (aud !== f.audience) throw new Refusal(400, "invalid_request", `AADSTS700212: No matching federated identity record found for presented assertion audience '${String(aud)}'.`);
        return "federated";
    }

    private checkCertificateAssertion(app: Application, pem: string, jwt: NonNullable<ReturnType<typeof decodeJwt>>, tokenEndpoint: string): Way {
        const cert = new X509Certificate(pem);
        const expected = jwt.header["x5t#S256"] !== undefined ? { x5t: createHash("sha256").update(cert.raw).digest("base64url"), header: jwt.header["x5t#S256"] } : { x5t: createHash("sha1").update(cert.raw).digest("base64url"), header: jwt.header.x5t };
        if (expected.header !== expected.x5t) throw new Refusal(401, "invalid_client", "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]");
        const key = createPublicKey(pem);
        const alg = jwt.header.alg;
        const signer = alg === "PS256" ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : alg === "RS256" ? { key, padding: constants.RSA_PKCS1_PADDING } : undefined;
        if (!signer || !verify("sha256", Buffer.from(jwt.signed), signer, jwt.signature)) throw new Refusal(401, "invalid_client", "AADSTS700027: Client assertion failed signature validation.");
        const now = Math.floor(Date.now() / 1000);
        const { aud, iss, sub, exp } = jwt.payload;
        if (aud !== tokenEndpoint) throw new Refusal(401, "invalid_client", `The client assertion's audience '${String(aud)}' is not the token endpoint.`);
        if (iss !== app.clientId || sub !== app.clientId) throw new Refusal(401, "invalid_client", "The client assertion's iss and sub must be the client id.");
        if (typeof exp !== "number" || exp < now) throw new Refusal(401, "invalid_client", "AADSTS700024: The client assertion is not within its valid time range.");
        return "certificate";
    }
}

export async function startFakeEntra(certDir: string): Promise<FakeEntra> {
    const material = await issueServerCertificate(certDir);
    let entra: FakeEntra | undefined;
    const server = https.createServer({ key: material.key, cert: material.cert }, (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "https://localhost");
            const method = (req.method ?? "GET").toUpperCase();
            const host = String(req.headers["x-forwarded-host"] ?? req.headers.host);
            const body = Buffer.concat(chunks).toString("utf8");
            const form = /application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "") ? Object.fromEntries(new URLSearchParams(body)) : {};
            const query = Object.fromEntries(url.searchParams);
            const headers = { authorization: req.headers.authorization, "x-identity-header": req.headers["x-identity-header"] as string | undefined };
            let status = 200;
            let answer: unknown;
            try {
                answer = entra!.answer(method, host, url.pathname, query, form, headers);
            } catch (e) {
                if (!(e instanceof Refusal)) throw e;
                status = e.status;
                answer = { error: e.error, error_description: e.message, error_codes: [Number(/AADSTS(\d+)/.exec(e.message)?.[1] ?? 0)] };
            }
            entra!.requests.push({ method, host, path: url.pathname, query, form, authorization: headers.authorization, identityHeader: headers["x-identity-header"], status });
            const text = JSON.stringify(answer);
            res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
            res.end(text);
        });
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    entra = new FakeEntra(server, `https://127.0.0.1:${port}`);
    return entra;
}
