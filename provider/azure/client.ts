/**
 * The SDK client, built inside each call from settings resolved at that moment, so that neither a
 * credential nor a client object can be captured into the serialized provider or into state.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { loginCredential } from "./credentials";
import { AzureSettings } from "./settings";

function staticToken(token: string): TokenCredential {
    return { getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

export function computeClient(settings: AzureSettings): { client: ComputeManagementClient; subscriptionId: string } {
    const subscriptionId = settings.subscriptionId;
    if (!subscriptionId) {
        throw new Error(
            "No Azure subscription: set subscriptionId on the resource, or stack config azure-compute-gallery:subscriptionId (or azure-native:subscriptionId), or ARM_SUBSCRIPTION_ID.",
        );
    }
    const credential = settings.accessToken ? staticToken(settings.accessToken) : loginCredential(settings.login(), settings);
    const client = new ComputeManagementClient(credential, subscriptionId, {
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        ...(settings.audience ? { credentials: { scopes: [`${settings.audience.replace(/\/+$/, "")}/.default`] } } : {}),
        userAgentOptions: { userAgentPrefix: "pulumi-azure-compute-gallery" },
        // The SDK's own retry policy: Retry-After on 429 and 503, exponential delays otherwise.
        retryOptions: { maxRetries: settings.maxRetries, maxRetryDelayInMs: 60_000 },
        additionalPolicies: [{ policy: answerLostPolicy, position: "perRetry" }],
    });
    return { client, subscriptionId };
}

/**
 * A write whose connection failed before Azure answered may or may not have been applied. The SDK
 * would send it again at once; the provider reads the resource first instead (lifecycle.ts), so a
 * write Azure applied is followed, never sent a second time.
 */
export class AnswerLost extends Error {
    readonly code = "AnswerLost";
    constructor(readonly method: string, cause: Error) {
        super(`the connection failed before Azure answered the ${method} (${cause.message})`);
        this.name = "AnswerLost";
    }
}

const WRITES = ["PUT", "PATCH", "DELETE", "POST"];

/**
 * Runs inside the SDK's retry loop, on each attempt: a write that got no answer at all (a dropped
 * connection, a reset, a timeout) leaves the loop as `AnswerLost`, which the retry policy does not
 * retry (it retries only its own RestError). Reads and answered requests (429, 5xx) keep the SDK's retries.
 */
const answerLostPolicy = {
    name: "answerLost",
    async sendRequest<Req extends { method: string }, Res>(request: Req, next: (r: Req) => Promise<Res>): Promise<Res> {
        try {
            return await next(request);
        } catch (e) {
            const unanswered = e instanceof Error && e.name === "RestError" && !(e as { response?: unknown }).response;
            if (unanswered && WRITES.includes(request.method)) throw new AnswerLost(request.method, e);
            throw e;
        }
    },
};

/** The HTTP status of an SDK error, if it has one. */
export function statusOf(e: unknown): number | undefined {
    return typeof e === "object" && e !== null && "statusCode" in e ? (e as { statusCode?: number }).statusCode : undefined;
}

export function codeOf(e: unknown): string | undefined {
    return typeof e === "object" && e !== null && "code" in e ? String((e as { code?: unknown }).code) : undefined;
}
