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
import { KIND_NAMES, KindName } from "./schema/kinds";
import { Inputs } from "./schema/types";

function implementation(kind: KindAdapter): pulumi.dynamic.ResourceProvider {
    return {
        check: (olds: Inputs, news: Inputs) => check(kind, olds, news),
        diff: async (_id: string, olds: Inputs, news: Inputs) => diffResource(kind, olds, news),
        create: (inputs: Inputs) => create(kind, inputs),
        read: async (id: string, props: Inputs) => read(kind, id, props),
        update: (_id: string, olds: Inputs, news: Inputs) => update(kind, olds, news),
        delete: (_id: string, props: Inputs) => remove(kind, props),
    };
}

export const providers = Object.fromEntries(KIND_NAMES.map((k) => [k, implementation(adapters[k])])) as Record<KindName, pulumi.dynamic.ResourceProvider>;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    useStackConfig((key) => req.config.get(key));
}
