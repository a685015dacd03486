/** Script definitions through @azure/arm-compute (galleryScripts, in 24.1.0). */
import type { GalleryScript, GalleryScriptUpdate } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryScriptSpec } from "../schema/galleryScript";
import { asModel, record } from "./sdk";

export const galleryScriptKind: KindAdapter = {
    spec: galleryScriptSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "scripts", field: "galleryScriptName" },
    ],
    get: async (c, rg, [g, s]) => record(await c.galleryScripts.get(rg, g, s)),
    put: (c, rg, [g, s], m, options) => asModel(c.galleryScripts.createOrUpdate(rg, g, s, m as unknown as GalleryScript, options)),
    // The SDK's GalleryScriptUpdate holds the properties' members at its top level (its serializer
    // nests them under `properties` again), unlike GalleryScript: the PATCH body's `properties` are lifted.
    patch: (c, rg, [g, s], m, options) => {
        const { properties, ...rest } = m as { properties?: Record<string, unknown> };
        return asModel(c.galleryScripts.update(rg, g, s, { ...rest, ...(properties ?? {}) } as GalleryScriptUpdate, options));
    },
    del: (c, rg, [g, s], options) => c.galleryScripts.delete(rg, g, s, options),
};
