/** VM application definitions through @azure/arm-compute (galleryApplications, in 24.1.0 and 25.x). */
import type { GalleryApplication } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryApplicationSpec } from "../schema/galleryApplication";
import { asModel, record } from "./sdk";

export const galleryApplicationKind: KindAdapter = {
    spec: galleryApplicationSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "applications", field: "galleryApplicationName" },
    ],
    get: async (c, rg, [g, a]) => record(await c.galleryApplications.get(rg, g, a)),
    put: (c, rg, [g, a], m, options) => asModel(c.galleryApplications.createOrUpdate(rg, g, a, m as unknown as GalleryApplication, options)),
    patch: (c, rg, [g, a], m, options) => asModel(c.galleryApplications.update(rg, g, a, m, options)),
    del: (c, rg, [g, a], options) => c.galleryApplications.delete(rg, g, a, options),
};
