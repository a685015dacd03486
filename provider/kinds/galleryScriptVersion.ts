/**
 * Script versions through @azure/arm-compute (galleryScriptVersions, in 24.1.0). Their writes end
 * with final-state-via azure-async-operation, which the SDK's poller follows (MUTABILITY.md §13).
 */
import type { GalleryScriptVersion, GalleryScriptVersionUpdate } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryScriptVersionSpec } from "../schema/galleryScriptVersion";
import { replicationProgressAt, waitForReplicationAt } from "./replication";
import { asModel, liftProperties, record } from "./sdk";

export const galleryScriptVersionKind: KindAdapter = {
    spec: galleryScriptVersionSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "scripts", field: "galleryScriptName" },
        { type: "versions", field: "galleryScriptVersionName" },
    ],
    // GalleryScriptVersions_Get declares no `$expand`, and the SDK's get offers none (MUTABILITY.md §12, §13).
    get: async (c, rg, [g, s, v]) => record(await c.galleryScriptVersions.get(rg, g, s, v)),
    put: (c, rg, [g, s, v], m, options) => asModel(c.galleryScriptVersions.createOrUpdate(rg, g, s, v, m as unknown as GalleryScriptVersion, options)),
    // The SDK's GalleryScriptVersionUpdate is flat (publishingProfile, safetyProfile), unlike GalleryScriptVersion.
    patch: (c, rg, [g, s, v], m, options) => asModel(c.galleryScriptVersions.update(rg, g, s, v, liftProperties(m) as GalleryScriptVersionUpdate, options)),
    del: (c, rg, [g, s, v], options) => c.galleryScriptVersions.delete(rg, g, s, v, options),
    wait: waitForReplicationAt("properties."),
    progress: replicationProgressAt("properties."),
};
