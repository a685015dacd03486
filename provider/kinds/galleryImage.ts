/** Image definitions through @azure/arm-compute. */
import type { GalleryImage } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryImageSpec } from "../schema/galleryImage";
import { asModel, record } from "./sdk";

export const galleryImageKind: KindAdapter = {
    spec: galleryImageSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "images", field: "galleryImageName" },
    ],
    get: async (c, rg, [g, i]) => record(await c.galleryImages.get(rg, g, i)),
    put: (c, rg, [g, i], m, options) => asModel(c.galleryImages.createOrUpdate(rg, g, i, m as unknown as GalleryImage, options)),
    patch: (c, rg, [g, i], m, options) => asModel(c.galleryImages.update(rg, g, i, m, options)),
    del: (c, rg, [g, i], options) => c.galleryImages.delete(rg, g, i, options),
};
