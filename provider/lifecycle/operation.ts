/**
 * One call of the provider on one resource (a create, read, update or delete): the kind, the inputs,
 * and the Azure client to reach it, built for this call from the settings in force now, so that no
 * credential or client is ever captured into state.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { idOf } from "../armIds";
import { computeClient, subscriptionOf } from "../azure/client";
import { Severity, report } from "../azure/progress";
import { resolveSettings } from "../azure/settings";
import { asAzureHas, addOutputsFromModel, withUnreportedParts } from "../schema/engine";
import { CLAIM_OUTPUT, CLAIM_TAG } from "../schema/marks";
import { Inputs } from "../schema/types";
import { tagOf } from "../ownership";
import { redact } from "../redaction";
import { KindAdapter, Model } from "./contract";
import { describe, urnOf } from "./naming";

export class Operation {
    readonly client: ComputeManagementClient;
    readonly subscriptionId: string;
    readonly rg: string;
    /** The path parameters after the resource group. */
    readonly names: string[];
    /** Seconds between reads while following Azure's work, and between progress reports. */
    readonly intervalSeconds: number;
    /** How often the SDK polls an operation Azure accepted (its own default without the setting). */
    readonly polling: { updateIntervalInMs?: number };
    readonly urn: string | undefined;

    constructor(
        readonly kind: KindAdapter,
        readonly inputs: Inputs,
    ) {
        const settings = resolveSettings({ subscriptionId: inputs.subscriptionId });
        this.rg = String(inputs.resourceGroupName);
        this.names = kind.address.map((a) => String(inputs[a.field]));
        this.subscriptionId = subscriptionOf(settings);
        const expanding = kind.expand === undefined ? undefined : { resourceId: idOf(this.subscriptionId, this.rg, kind.address, this.names), expand: kind.expand };
        this.client = computeClient(settings, expanding);
        this.intervalSeconds = settings.progressIntervalSeconds ?? 10;
        this.polling = settings.pollIntervalSeconds === undefined ? {} : { updateIntervalInMs: settings.pollIntervalSeconds * 1000 };
        this.urn = urnOf(inputs);
    }

    /** `GalleryImage "rg/gallery/image"`, for messages. */
    get what(): string {
        return describe(this.kind, this.inputs);
    }

    /** The resource as Azure has it now (the SDK's error when it cannot say). */
    read(): Promise<Model> {
        return this.kind.get(this.client, this.rg, this.names, this.inputs);
    }

    /**
     * A read's answer with what the kind's `get` adds to it: for the SDK's own read at the end of a
     * write, which asked for the kind's `$expand` (computeClient), the same as `read()` gives.
     */
    completeRead(answer: Model): Promise<Model> {
        return this.kind.completeRead ? this.kind.completeRead(this.client, this.rg, this.names, this.inputs, answer) : Promise.resolve(answer);
    }

    /** Progress on the resource's row (ephemeral), or a lasting message. */
    report(message: string, severity: Severity = "info", ephemeral = true): Promise<void> {
        return report(this.urn, message, severity, ephemeral);
    }

    /** The outputs: the resource as Azure has it, beside what the program said of things Azure does not hold. */
    outputs(model: Model): Record<string, unknown> {
        const spec = this.kind.spec;
        // The host adds `__provider` to the outputs itself.
        const { __provider: _host, ...described } = withUnreportedParts(spec, this.inputs, asAzureHas(spec, this.inputs, model));
        // The claim Azure holds: which create made the resource, or last took it back (ownership.ts).
        const claim = tagOf(model, CLAIM_TAG);
        // Azure's own words in read-only outputs (replication details) never repeat a credential of the inputs.
        const outputs = addOutputsFromModel(spec, model, { ...described, ...(claim !== undefined ? { [CLAIM_OUTPUT]: claim } : {}), subscriptionId: this.subscriptionId }, redact);
        // Plain JSON: the host sends outputs as a protobuf Struct, which refuses `undefined`.
        return JSON.parse(JSON.stringify(outputs)) as Record<string, unknown>;
    }
}
