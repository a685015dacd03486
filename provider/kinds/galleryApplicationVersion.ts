/** VM application versions through @azure/arm-compute (galleryApplicationVersions, in 24.1.0 and 25.x). */
import type { GalleryApplicationVersion } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryApplicationVersionSpec } from "../schema/galleryApplicationVersion";
import { replicationProgress, waitForReplication } from "./replication";
import { asModel, record } from "./sdk";

/** The replication status comes only on request (spec: GalleryApplicationVersions_Get `$expand`, ReplicationStatusTypes). */
const EXPAND = "ReplicationStatus";

export const galleryApplicationVersionKind: KindAdapter = {
    spec: galleryApplicationVersionSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "applications", field: "galleryApplicationName" },
        { type: "versions", field: "galleryApplicationVersionName" },
    ],
    get: async (c, rg, [g, a, v]) => record(await c.galleryApplicationVersions.get(rg, g, a, v, { expand: EXPAND })),
    expand: EXPAND,
    put: (c, rg, [g, a, v], m, options) => asModel(c.galleryApplicationVersions.createOrUpdate(rg, g, a, v, m as unknown as GalleryApplicationVersion, options)),
    patch: (c, rg, [g, a, v], m, options) => asModel(c.galleryApplicationVersions.update(rg, g, a, v, m, options)),
    del: (c, rg, [g, a, v], options) => c.galleryApplicationVersions.delete(rg, g, a, v, options),
    wait: waitForReplication,
    progress: replicationProgress,
};
