/**
 * What the serialized provider loads inside Pulumi's dynamic-provider host, by package name. The
 * provider objects stored in state are tiny shims that call into this module, so state stays small,
 * a new release of this package needs no state migration, and nothing is captured by value.
 */
import type * as pulumi from "@pulumi/pulumi";
import { useStackConfig } from "./config";
import { adapters } from "./kinds";
import type { KindAdapter } from "./lifecycle/contract";
import { create, read, remove, update } from "./lifecycle/apply";
import { check, diffResource } from "./lifecycle/preview";
import { redact, redactError, rememberSecrets } from "./redaction";
import { KIND_NAMES, KindName } from "./schema/kinds";
import { Inputs } from "./schema/types";

/**
 * One call, with the credentials of its inputs known beforehand (redaction.ts), so that nothing it
 * says, and no error it throws (the host prints the stack), repeats them.
 */
async function guarded<T>(kind: KindAdapter, inputs: (Inputs | undefined)[], call: () => Promise<T>): Promise<T> {
    rememberSecrets(kind.spec, ...inputs);
    try {
        return await call();
    } catch (e) {
        throw redactError(e);
    }
}

function implementation(kind: KindAdapter): pulumi.dynamic.ResourceProvider {
    return {
        check: (olds: Inputs, news: Inputs) =>
            guarded(kind, [olds, news], async () => {
                const r = await check(kind, olds, news);
                return { ...r, failures: r.failures.map((f) => ({ property: f.property, reason: redact(f.reason) })) };
            }),
        diff: (_id: string, olds: Inputs, news: Inputs) => guarded(kind, [olds, news], () => diffResource(kind, olds, news)),
        create: (inputs: Inputs) => guarded(kind, [inputs], () => create(kind, inputs)),
        read: (id: string, props: Inputs) => guarded(kind, [props], () => read(kind, id, props)),
        update: (_id: string, olds: Inputs, news: Inputs) => guarded(kind, [olds, news], () => update(kind, olds, news)),
        delete: (_id: string, props: Inputs) => guarded(kind, [props], () => remove(kind, props)),
    };
}

export const providers = Object.fromEntries(KIND_NAMES.map((k) => [k, implementation(adapters[k])])) as Record<KindName, pulumi.dynamic.ResourceProvider>;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    useStackConfig((key) => req.config.get(key));
}
