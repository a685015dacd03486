/**
 * The Azure client of one function call, built when it is called from the settings in force then,
 * read as the resources read them (azure/settings.ts): in a Pulumi program the stack's config (which
 * the program sees with its secrets decrypted), elsewhere (a command line) the environment. The
 * Azure SDK is loaded here, at the call, so that importing the package loads none of it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ComputeManagementClient } from "@azure/arm-compute";

export interface Session {
    client: ComputeManagementClient;
    subscriptionId: string;
    /** How often the SDK polls an operation Azure accepted (its own default without the setting). */
    polling: { updateIntervalInMs?: number };
    /** An SDK error as a sentence naming what was asked (lifecycle/errors.ts). */
    refused(verb: string, what: string, e: unknown): Error;
    /** The HTTP status of an SDK error, if it has one. */
    statusOf(e: unknown): number | undefined;
}

/** The program's stack config (`namespace:key`), secrets decrypted: what Configure hands the host. */
export const programConfig = (key: string): string | undefined => pulumi.runtime.getConfig(key);

export async function session(subscriptionId: string | undefined): Promise<Session> {
    const [{ resolveSettings }, { computeClient, statusOf, subscriptionOf }, { azureError }] = await Promise.all([import("../azure/settings"), import("../azure/client"), import("../lifecycle/errors")]);
    const settings = resolveSettings({ subscriptionId }, process.env, programConfig);
    return {
        client: computeClient(settings),
        subscriptionId: subscriptionOf(settings),
        polling: settings.pollIntervalSeconds === undefined ? {} : { updateIntervalInMs: settings.pollIntervalSeconds * 1000 },
        refused: (verb, what, e) => azureError(verb, what, e),
        statusOf,
    };
}
