/** How messages name a resource, from its inputs alone (preview has no Azure client). */
import { Inputs } from "../schema/types";
import type { KindAdapter } from "./contract";

export function urnOf(inputs: Inputs): string | undefined {
    return typeof inputs.__urn === "string" ? inputs.__urn : undefined;
}

/** `GalleryImage "rg/gallery/image"`. */
export function describe(kind: Pick<KindAdapter, "spec" | "address">, inputs: Inputs): string {
    return `${kind.spec.kind} "${[inputs.resourceGroupName, ...kind.address.map((a) => String(inputs[a.field]))].join("/")}"`;
}
