/** Starting the emulator for a test file, and SDK clients pointed at it. */
import { setEnv } from "./env";
import { ComputeManagementClient } from "@azure/arm-compute";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ArmEmulator, EmulatorOptions, startEmulator } from "../../emulator/server";

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
export const RESOURCE_GROUP = "golden-images";

/** A credential that hands out a fixed bearer token, as a pipeline that already holds one would. */
export const staticToken: TokenCredential = {
    getToken: async (): Promise<AccessToken> => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3600_000 }),
};

/**
 * The emulator for a test file: asynchronous like the service (startEmulator's default), with
 * `Retry-After: 0` so a client polls at the interval it chose itself. @azure/core-lro (3.3.1,
 * http/operation.js `parseRetryAfter` and poller/operation.js `if (intervalInMs) setDelay(…)`)
 * treats 0 as "no hint": the SDK then polls at its `updateIntervalInMs` (POLL_INTERVAL_IN_MS, 2 s,
 * unless the call passes one; see FAST_POLL), whereas any non-zero Retry-After would override it.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<ArmEmulator> {
    if (!process.env.EMULATOR_CERT_DIR) {
        throw new Error("Run the tests with `npm test`: it makes the emulator's CA and sets NODE_EXTRA_CA_CERTS.");
    }
    return startEmulator({ certDir: process.env.EMULATOR_CERT_DIR, resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`], retryAfterSeconds: 0, ...options });
}

/** Options for an SDK long-running call that should poll quickly against the test emulator. */
export const FAST_POLL = { updateIntervalInMs: 10 };

/** An SDK client for the emulator, calling as SUBSCRIPTION unless another subscription is named (a consumer of shared images). */
export function sdkClient(emulator: ArmEmulator, options: { retryDelayMs?: number; subscriptionId?: string } = {}): ComputeManagementClient {
    return new ComputeManagementClient(staticToken, options.subscriptionId ?? SUBSCRIPTION, {
        endpoint: emulator.endpoint,
        retryOptions: { retryDelayInMs: options.retryDelayMs ?? 50, maxRetryDelayInMs: 500 },
    });
}

export function armId(...parts: string[]): string {
    const [gallery, image, version] = parts;
    let id = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${gallery}`;
    if (image) id += `/images/${image}`;
    if (version) id += `/versions/${version}`;
    return id;
}

/**
 * For a mocha suite: an emulator, and the provider pointed at it through the environment, as a
 * pipeline's ARM_* variables would point it. Returns the emulator once the suite has started.
 */
export function emulatorForProvider(options: EmulatorOptions = {}, env: NodeJS.ProcessEnv = {}): () => ArmEmulator {
    let emulator: ArmEmulator | undefined;
    const saved = { ...process.env };
    before(async () => {
        emulator = await startTestEmulator(options);
        Object.assign(process.env, { ARM_ENDPOINT: emulator.endpoint, ARM_ACCESS_TOKEN: "t", ARM_SUBSCRIPTION_ID: SUBSCRIPTION, ...env });
    });
    after(async () => {
        setEnv(saved);
        await emulator?.stop();
    });
    return () => {
        if (!emulator) throw new Error("the emulator starts with the suite");
        return emulator;
    };
}
