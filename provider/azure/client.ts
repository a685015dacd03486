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
    });
    return { client, subscriptionId };
}

/** The HTTP status of an SDK error, if it has one. */
export function statusOf(e: unknown): number | undefined {
    return typeof e === "object" && e !== null && "statusCode" in e ? (e as { statusCode?: number }).statusCode : undefined;
}

export function codeOf(e: unknown): string | undefined {
    return typeof e === "object" && e !== null && "code" in e ? String((e as { code?: unknown }).code) : undefined;
}
