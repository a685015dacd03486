/** inVMAccessControlProfile versions through @azure/arm-compute (galleryInVMAccessControlProfileVersions, in 24.1.0). */
import type { GalleryInVMAccessControlProfileVersion, GalleryInVMAccessControlProfileVersionUpdate } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryInVMAccessControlProfileVersionSpec } from "../schema/galleryInVMAccessControlProfileVersion";
import { replicationProgress, waitForReplication } from "./replication";
import { asModel, record } from "./sdk";

export const galleryInVMAccessControlProfileVersionKind: KindAdapter = {
    spec: galleryInVMAccessControlProfileVersionSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "inVMAccessControlProfiles", field: "inVMAccessControlProfileName" },
        { type: "versions", field: "inVMAccessControlProfileVersionName" },
    ],
    // GalleryInVMAccessControlProfileVersions_Get declares no `$expand`, and the SDK's get offers none (MUTABILITY.md §13).
    get: async (c, rg, [g, p, v]) => record(await c.galleryInVMAccessControlProfileVersions.get(rg, g, p, v)),
    put: (c, rg, [g, p, v], m, options) => asModel(c.galleryInVMAccessControlProfileVersions.createOrUpdate(rg, g, p, v, m as unknown as GalleryInVMAccessControlProfileVersion, options)),
    patch: (c, rg, [g, p, v], m, options) => asModel(c.galleryInVMAccessControlProfileVersions.update(rg, g, p, v, m as unknown as GalleryInVMAccessControlProfileVersionUpdate, options)),
    del: (c, rg, [g, p, v], options) => c.galleryInVMAccessControlProfileVersions.delete(rg, g, p, v, options),
    wait: waitForReplication,
    progress: replicationProgress,
};
