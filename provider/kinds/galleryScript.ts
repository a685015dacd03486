/** Script definitions through @azure/arm-compute (galleryScripts, in 24.1.0). */
import type { GalleryScript, GalleryScriptUpdate } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryScriptSpec } from "../schema/galleryScript";
import { asModel, liftProperties, record } from "./sdk";

export const galleryScriptKind: KindAdapter = {
    spec: galleryScriptSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "scripts", field: "galleryScriptName" },
    ],
    get: async (c, rg, [g, s]) => record(await c.galleryScripts.get(rg, g, s)),
    put: (c, rg, [g, s], m, options) => asModel(c.galleryScripts.createOrUpdate(rg, g, s, m as unknown as GalleryScript, options)),
    // The SDK's GalleryScriptUpdate is flat, unlike GalleryScript.
    patch: (c, rg, [g, s], m, options) => asModel(c.galleryScripts.update(rg, g, s, liftProperties(m) as GalleryScriptUpdate, options)),
    del: (c, rg, [g, s], options) => c.galleryScripts.delete(rg, g, s, options),
};
