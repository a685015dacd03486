/** inVMAccessControlProfiles through @azure/arm-compute (galleryInVMAccessControlProfiles, in 24.1.0). */
import type { GalleryInVMAccessControlProfile, GalleryInVMAccessControlProfileUpdate } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryInVMAccessControlProfileSpec } from "../schema/galleryInVMAccessControlProfile";
import { asModel, record } from "./sdk";

export const galleryInVMAccessControlProfileKind: KindAdapter = {
    spec: galleryInVMAccessControlProfileSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "inVMAccessControlProfiles", field: "inVMAccessControlProfileName" },
    ],
    get: async (c, rg, [g, p]) => record(await c.galleryInVMAccessControlProfiles.get(rg, g, p)),
    put: (c, rg, [g, p], m, options) => asModel(c.galleryInVMAccessControlProfiles.createOrUpdate(rg, g, p, m as unknown as GalleryInVMAccessControlProfile, options)),
    // GalleryInVMAccessControlProfileUpdate nests `properties` as the body does (unlike a script's update model).
    patch: (c, rg, [g, p], m, options) => asModel(c.galleryInVMAccessControlProfiles.update(rg, g, p, m as unknown as GalleryInVMAccessControlProfileUpdate, options)),
    del: (c, rg, [g, p], options) => c.galleryInVMAccessControlProfiles.delete(rg, g, p, options),
};
