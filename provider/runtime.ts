/**
 * What the serialized provider loads inside Pulumi's dynamic-provider host, by package name. The
 * provider objects stored in state are tiny shims that call into this module, so state stays small,
 * a new release of this package needs no state migration, and nothing is captured by value.
 */
import type * as pulumi from "@pulumi/pulumi";
import { useStackConfig } from "./azure/settings";
import { KindName, kinds } from "./kinds";
import * as lifecycle from "./lifecycle";
import { Inputs } from "./schema/types";

function implementation(name: KindName): pulumi.dynamic.ResourceProvider {
    const kind = kinds[name];
    return {
        check: (olds: Inputs, news: Inputs) => lifecycle.check(kind, olds, news),
        diff: async (_id: string, olds: Inputs, news: Inputs) => lifecycle.diffResource(kind, olds, news),
        create: (inputs: Inputs) => lifecycle.create(kind, inputs),
        read: async (id: string, props: Inputs) => lifecycle.read(kind, id, props),
        update: (_id: string, olds: Inputs, news: Inputs) => lifecycle.update(kind, olds, news),
        delete: (_id: string, props: Inputs) => lifecycle.remove(kind, props),
    };
}

export const providers: Record<KindName, pulumi.dynamic.ResourceProvider> = {
    gallery: implementation("gallery"),
    galleryImage: implementation("galleryImage"),
    galleryImageVersion: implementation("galleryImageVersion"),
};

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    useStackConfig((key) => req.config.get(key));
}
