/**
 * The SDK client, built inside each call from settings resolved at that moment, so that neither a
 * credential nor a client object can be captured into the serialized provider or into state (the
 * credentials below live in this module's memory, which the serialized provider reaches by name).
 */
import { createHash } from "crypto";
import { readFileSync } from "fs";
import type { ComputeManagementClient } from "@azure/arm-compute";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { Login, loginCredential } from "./credentials";
import { AzureSettings } from "./settings";

function staticToken(token: string): TokenCredential {
    return { getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

/**
 * The process's credential for each login. @azure/identity keeps the tokens it gets in the credential
 * object, so a credential built per call would ask Entra ID for a token per resource operation (an up
 * of 300 resources, 300 token requests, and Entra ID throttles); one per login asks once per scope
 * and renews when the token nears expiry. Keyed by a digest of the login and of what its credential
 * is built from (builtFrom), whose secrets stay out of the key; a host serves one run, so the login of
 * a run is the login of the process. An OIDC login is one credential too: msal-node asks the
 * credential's callback for the external token at every token request
 * (ConfidentialClientApplication.acquireTokenByClientCredential), so each renewal presents the token
 * file, or the CI's token service's answer, as it is then.
 */
const credentials = new Map<string, TokenCredential>();

function credentialOf(settings: AzureSettings): TokenCredential {
    const login = settings.login();
    const key = createHash("sha256").update(JSON.stringify([login, settings.authorityHost, settings.disableInstanceDiscovery, builtFrom(login)])).digest("hex");
    let credential = credentials.get(key);
    if (!credential) {
        credential = loginCredential(login, settings);
        credentials.set(key, credential);
    }
    return credential;
}

/**
 * What a login's credential takes in when it is built, beside the login's settings, so that a change
 * to it makes another credential. A certificate's PEM: msal-node's ConfidentialClientApplication makes
 * its signing key from the certificate it is built with, and @azure/identity keeps one application per
 * credential (msal/nodeFlows/msalClient.js, getConfidentialApp), so one ClientCertificateCredential
 * signs every renewal with the certificate of its first call, however the file changes after. The
 * environment that DefaultAzureCredential and ManagedIdentityCredential read when built (AZURE_*,
 * IDENTITY_*, MSI_*, IMDS_*: @azure/identity's EnvironmentCredential and WorkloadIdentityCredential,
 * msal-node's managed identity sources), and the certificate AZURE_CLIENT_CERTIFICATE_PATH names.
 */
function builtFrom(login: Login): unknown {
    switch (login.method) {
        case "clientCertificate":
            return contents(login.certificatePath);
        case "defaultAzureCredential":
        case "managedIdentity": {
            const env = Object.entries(process.env).filter(([name]) => /^(AZURE_|IDENTITY_|MSI_|IMDS_)/.test(name));
            env.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            return [env, process.env.AZURE_CLIENT_CERTIFICATE_PATH ? contents(process.env.AZURE_CLIENT_CERTIFICATE_PATH) : null];
        }
        default:
            return null;
    }
}

/** A file's text, or null where it cannot be read (the credential then says why when it is asked for a token). */
function contents(path: string): string | null {
    try {
        return readFileSync(path, "utf8");
    } catch {
        return null;
    }
}

/** The subscription the settings name, or an error saying where to set one. */
export function subscriptionOf(settings: AzureSettings): string {
    if (!settings.subscriptionId) {
        throw new Error(
            "No Azure subscription: set subscriptionId on the resource, or stack config azure-compute-gallery:subscriptionId (or azure-native:subscriptionId), or ARM_SUBSCRIPTION_ID.",
        );
    }
    return settings.subscriptionId;
}

/**
 * The client for one call. With `reads`, every GET of that resource asks for the kind's `$expand`
 * where it asks for none, the SDK's own read at the end of a write included (see expandingReads).
 */
export function computeClient(settings: AzureSettings, reads?: { resourceId: string; expand: string }): ComputeManagementClient {
    const subscriptionId = subscriptionOf(settings);
    const credential = settings.accessToken ? staticToken(settings.accessToken) : credentialOf(settings);
    // Loaded on the first call that reaches Azure, once per process: a preview (check and diff) never loads it.
    const sdk = require("@azure/arm-compute") as typeof import("@azure/arm-compute");
    const client = new sdk.ComputeManagementClient(credential, subscriptionId, {
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        ...(settings.audience ? { credentials: { scopes: [`${settings.audience.replace(/\/+$/, "")}/.default`] } } : {}),
        userAgentOptions: { userAgentPrefix: "pulumi-azure-compute-gallery" },
        // The SDK's own retry policy: Retry-After on 429 and 503, exponential delays otherwise.
        retryOptions: { maxRetries: settings.maxRetries, maxRetryDelayInMs: 60_000 },
        additionalPolicies: [{ policy: answerLostPolicy, position: "perRetry" }, ...(reads ? [{ policy: expandingReads(reads.resourceId, reads.expand), position: "perCall" as const }] : [])],
    });
    return client;
}

/**
 * A PUT's long-running operation ends with the SDK reading the resource (@azure/core-lro: for a PUT,
 * the final GET goes to the request's own URL), without the `$expand` a kind's members need (a
 * version's replication status, a gallery's sharing groups: each reported only on request). Asked
 * for here, that read's answer is the one the lifecycle would otherwise make a second request for
 * (kinds/replication.ts). Only GETs of the resource itself that ask for no `$expand` are changed.
 */
function expandingReads(resourceId: string, expand: string) {
    const own = resourceId.toLowerCase();
    return {
        name: "expandingReads",
        async sendRequest<Req extends { method: string; url: string }, Res>(request: Req, next: (r: Req) => Promise<Res>): Promise<Res> {
            if (request.method === "GET") {
                const url = new URL(request.url);
                if (decodeURIComponent(url.pathname).toLowerCase() === own && !url.searchParams.has("$expand")) {
                    url.searchParams.set("$expand", expand);
                    request.url = url.toString();
                }
            }
            return next(request);
        },
    };
}

/**
 * A write Azure may or may not have applied: the connection failed before its answer, or the answer
 * was a server or gateway error (ARM's 500, 502, 504, or a 503 without Retry-After, can come after
 * the resource provider applied the write). The SDK would send it again at once; the provider reads
 * the resource first instead (lifecycle.ts), so a write Azure applied is followed, never sent twice.
 */
export class AnswerLost extends Error {
    readonly code = "AnswerLost";
    constructor(readonly method: string, why: string) {
        super(`${why} (the ${method} may or may not have been applied)`);
        this.name = "AnswerLost";
    }
}

const WRITES = ["PUT", "PATCH", "DELETE", "POST"];

/** Answers to a write that leave it unknown whether Azure applied it. */
function uncertain(response: { status: number; headers: { get(name: string): string | undefined } }): boolean {
    return [500, 502, 504].includes(response.status) || (response.status === 503 && response.headers.get("retry-after") === undefined);
}

/**
 * Runs inside the SDK's retry loop, on each attempt (`perRetry`): a write whose outcome is uncertain
 * leaves the loop as `AnswerLost`. The retry policy rethrows any error that is not its own RestError
 * without retrying (@typespec/ts-http-runtime, policies/retryPolicy.js), so no write is sent twice
 * blindly. Reads, and writes Azure answered plainly (429, 503 with Retry-After), keep the SDK's retries.
 */
const answerLostPolicy = {
    name: "answerLost",
    async sendRequest<Req extends { method: string }, Res extends { status: number; headers: { get(name: string): string | undefined } }>(
        request: Req,
        next: (r: Req) => Promise<Res>,
    ): Promise<Res> {
        if (!WRITES.includes(request.method)) return next(request);
        let response: Res;
        try {
            response = await next(request);
        } catch (e) {
            const noAnswer = e instanceof Error && e.name === "RestError" && !(e as { response?: unknown }).response;
            if (noAnswer) throw new AnswerLost(request.method, `the connection failed before Azure answered (${e.message})`);
            throw e;
        }
        if (uncertain(response)) throw new AnswerLost(request.method, `Azure answered ${response.status}`);
        return response;
    },
};

/** The HTTP status of an SDK error, if it has one. */
export function statusOf(e: unknown): number | undefined {
    return typeof e === "object" && e !== null && "statusCode" in e ? (e as { statusCode?: number }).statusCode : undefined;
}

export function codeOf(e: unknown): string | undefined {
    return typeof e === "object" && e !== null && "code" in e ? String((e as { code?: unknown }).code) : undefined;
}
