/**
 * Logging in to Microsoft Entra ID as azure-native does: the same config keys (in this package's
 * namespace or azure-native's) and the same ARM_* variables, each way mapped onto an @azure/identity
 * credential that logs in at the cloud's authority host.
 *
 * The rules follow azure-native's provider/pkg/provider/auth_azidentity.go (readAuthConfig for the
 * names, newSingleMethodAuthCredential for the order and the checks), documented on
 * https://www.pulumi.com/registry/packages/azure-native/installation-configuration/. The ways are tried
 * in that order and the first one configured is used; a way that is configured but lacks a setting is
 * an error naming it, never a silent fall-through to the next.
 *
 * Resolved inside each call (settings.ts `login`), so no secret outlives the call that needed it.
 */
import { readFile } from "fs/promises";
import type { TokenCredential } from "@azure/core-auth";
import type { TokenCredentialOptions } from "@azure/identity";

/** Reads a setting by azure-native's config key, then by environment variables; `names` spells every source, for messages. */
export interface SettingSource {
    value(key: string, ...envNames: string[]): string | undefined;
    flag(key: string, ...envNames: string[]): boolean;
    names(key: string, ...envNames: string[]): string;
}

/** Where an OIDC (workload identity federation) login gets the token it presents to Entra ID. */
export type OidcToken =
    | { from: "value"; token: string }
    | { from: "file"; path: string }
    | { from: "request"; url: string; requestToken: string; audience: string };

export type Login =
    | { method: "defaultAzureCredential"; tenantId?: string }
    | { method: "clientCertificate"; tenantId: string; clientId: string; certificatePath: string; certificatePassword?: string }
    | { method: "clientSecret"; tenantId: string; clientId: string; clientSecret: string }
    | { method: "oidc"; tenantId: string; clientId: string; token: OidcToken }
    | { method: "managedIdentity"; clientId?: string };

type Key = readonly [key: string, ...envNames: string[]];

/** azure-native's config keys and environment variables (auth_azidentity.go, readAuthConfig). */
const KEYS = {
    clientId: ["clientId", "ARM_CLIENT_ID"],
    tenantId: ["tenantId", "ARM_TENANT_ID"],
    clientSecret: ["clientSecret", "ARM_CLIENT_SECRET"],
    clientCertificatePath: ["clientCertificatePath", "ARM_CLIENT_CERTIFICATE_PATH"],
    clientCertificatePassword: ["clientCertificatePassword", "ARM_CLIENT_CERTIFICATE_PASSWORD"],
    useDefaultAzureCredential: ["useDefaultAzureCredential", "ARM_USE_DEFAULT_AZURE_CREDENTIAL"],
    useMsi: ["useMsi", "ARM_USE_MSI"],
    useOidc: ["useOidc", "ARM_USE_OIDC"],
    oidcToken: ["oidcToken", "ARM_OIDC_TOKEN"],
    oidcTokenFilePath: ["oidcTokenFilePath", "ARM_OIDC_TOKEN_FILE_PATH"],
    oidcAudience: ["oidcAudience", "ARM_OIDC_AUDIENCE"],
    // ARM_OIDC_REQUEST_* first, then the variables GitHub Actions sets for a job with `id-token: write`
    // (azure-native's auth.go before its move to azidentity; azurerm's "Authenticating using a Service
    // Principal and OpenID Connect" guide).
    oidcRequestToken: ["oidcRequestToken", "ARM_OIDC_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
    oidcRequestUrl: ["oidcRequestUrl", "ARM_OIDC_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_URL"],
} as const satisfies Record<string, Key>;

/**
 * The audience of the token a federated credential accepts by default, which azure-native and azurerm
 * ask GitHub for (Microsoft's "Workload identity federation", and GitHub's "Configuring OpenID Connect
 * in Azure").
 */
const FEDERATED_AUDIENCE = "api://AzureADTokenExchange";

export function resolveLogin(s: SettingSource): Login {
    const get = (k: Key) => s.value(...k);
    const names = (k: Key) => s.names(...k);
    const tenantId = get(KEYS.tenantId);
    const clientId = get(KEYS.clientId);
    /** A service principal's login needs its tenant and client id (newSingleMethodAuthCredential's checks). */
    const principal = (way: string): { tenantId: string; clientId: string } => {
        if (tenantId && clientId) return { tenantId, clientId };
        const missing = ([[tenantId, KEYS.tenantId], [clientId, KEYS.clientId]] as const).filter(([v]) => !v).map(([, k]) => `(${names(k)})`);
        throw new Error(`Logging in with ${way} needs a tenant id and a client id; missing: ${missing.join(" and ")}.`);
    };

    // 1. useDefaultAzureCredential wins over every other setting, as in azure-native.
    if (s.flag(...KEYS.useDefaultAzureCredential)) return { method: "defaultAzureCredential", tenantId };

    // 2. A client certificate, then 3. a client secret, as azure-native orders them.
    const certificatePath = get(KEYS.clientCertificatePath);
    const certificatePassword = get(KEYS.clientCertificatePassword);
    if (certificatePath) {
        return { method: "clientCertificate", ...principal(`a client certificate (${names(KEYS.clientCertificatePath)})`), certificatePath, certificatePassword };
    }
    const clientSecret = get(KEYS.clientSecret);
    if (clientSecret) return { method: "clientSecret", ...principal(`a client secret (${names(KEYS.clientSecret)})`), clientSecret };

    // 4. OIDC, only when asked for: GitHub Actions sets its request variables in every job allowed to.
    if (s.flag(...KEYS.useOidc)) return { method: "oidc", ...principal(`OIDC (${names(KEYS.useOidc)})`), token: oidcToken(s) };

    // 5. Managed identity; the client id picks a user-assigned identity.
    if (s.flag(...KEYS.useMsi)) return { method: "managedIdentity", clientId };

    // Half a login would otherwise be dropped without a word: a certificate's password without the
    // certificate, a token meant for OIDC while OIDC is off (GitHub's own request variables excepted:
    // they are there in every job allowed to ask for a token).
    if (certificatePassword) throw new Error(`A certificate password (${names(KEYS.clientCertificatePassword)}) is set without a certificate: set ${names(KEYS.clientCertificatePath)}.`);
    const stray = [KEYS.oidcToken, KEYS.oidcTokenFilePath, ["oidcRequestToken", "ARM_OIDC_REQUEST_TOKEN"] as const].find((k) => get(k));
    if (stray) throw new Error(`${names(stray)} is set but OIDC is off: set ${names(KEYS.useOidc)} to true.`);

    // 6. Otherwise DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI, …),
    // where azure-native would go to the Azure CLI alone.
    return { method: "defaultAzureCredential", tenantId };
}

/** The token an OIDC login presents: given, in a file, or asked of the CI's token service (in that order, as azure-native). */
function oidcToken(s: SettingSource): OidcToken {
    const get = (k: Key) => s.value(...k);
    const names = (k: Key) => s.names(...k);
    const token = get(KEYS.oidcToken);
    if (token) return { from: "value", token };
    const path = get(KEYS.oidcTokenFilePath);
    if (path) return { from: "file", path };
    const requestToken = get(KEYS.oidcRequestToken);
    const url = get(KEYS.oidcRequestUrl);
    if (requestToken && url) return { from: "request", url, requestToken, audience: get(KEYS.oidcAudience) ?? FEDERATED_AUDIENCE };
    const half = requestToken ? `; ${names(KEYS.oidcRequestToken)} is set without ${names(KEYS.oidcRequestUrl)}` : url ? `; ${names(KEYS.oidcRequestUrl)} is set without ${names(KEYS.oidcRequestToken)}` : "";
    throw new Error(
        `OIDC (${names(KEYS.useOidc)}) needs a token: ${names(KEYS.oidcToken)}; or a file, ${names(KEYS.oidcTokenFilePath)}; ` +
            `or a token service, ${names(KEYS.oidcRequestUrl)} with ${names(KEYS.oidcRequestToken)}${half}.`,
    );
}

/** The cloud's login settings that every Entra ID credential takes. */
export interface Authority {
    authorityHost: string;
    disableInstanceDiscovery: boolean;
}

/** The @azure/identity credential for a login; `options` reach the credential's own HTTP client. */
export function loginCredential(login: Login, authority: Authority, options: TokenCredentialOptions = {}): TokenCredential {
    // Loaded on the first login, not with the package: a stack that gives an access token never loads it.
    const identity = require("@azure/identity") as typeof import("@azure/identity");
    const { ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential, DefaultAzureCredential, ManagedIdentityCredential } = identity;
    const entra = { ...options, authorityHost: authority.authorityHost, disableInstanceDiscovery: authority.disableInstanceDiscovery };
    switch (login.method) {
        case "clientCertificate":
            // A PEM file holding the certificate and its private key (@azure/identity reads PEM, not PFX).
            return new ClientCertificateCredential(login.tenantId, login.clientId, { certificatePath: login.certificatePath, certificatePassword: login.certificatePassword }, entra);
        case "clientSecret":
            return new ClientSecretCredential(login.tenantId, login.clientId, login.clientSecret, entra);
        case "oidc": {
            const token = login.token;
            return new ClientAssertionCredential(login.tenantId, login.clientId, () => presentedToken(token), entra);
        }
        case "managedIdentity":
            // Managed identity asks the host's identity endpoint, not the authority host.
            return new ManagedIdentityCredential(login.clientId ? { ...options, clientId: login.clientId } : options);
        case "defaultAzureCredential":
            return new DefaultAzureCredential({ ...entra, ...(login.tenantId ? { tenantId: login.tenantId } : {}) });
    }
}

/** Read each time Entra ID asks, so a file that a CI or Kubernetes renews is read afresh. */
async function presentedToken(token: OidcToken): Promise<string> {
    switch (token.from) {
        case "value":
            return token.token;
        case "file":
            return (await readFile(token.path, "utf8")).trim();
        case "request":
            return requestIdToken(token.url, token.requestToken, token.audience);
    }
}

/**
 * GitHub Actions' ID-token request: GET the request URL with `audience` added, the request token as a
 * bearer token, and the token comes back as `value` (GitHub's "OpenID Connect" reference, "Updating
 * your actions for OIDC"; azure-native's getOidcTokenExchangeAssertion).
 */
async function requestIdToken(url: string, requestToken: string, audience: string): Promise<string> {
    const target = new URL(url);
    target.searchParams.set("audience", audience);
    const where = `${target.origin}${target.pathname}`;
    const response = await fetch(target, { headers: { Authorization: `Bearer ${requestToken}`, Accept: "application/json" } });
    if (!response.ok) throw new Error(`The OIDC token request to ${where} failed with HTTP ${response.status}.`);
    const body: unknown = await response.json().catch(() => undefined);
    const value = typeof body === "object" && body !== null && "value" in body ? body.value : undefined;
    if (typeof value !== "string" || value === "") throw new Error(`The OIDC token service at ${where} answered without a token ("value").`);
    return value;
}
