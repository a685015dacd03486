/** Image versions through @azure/arm-compute. */
import type { ComputeManagementClient, GalleryImageVersion } from "@azure/arm-compute";
import type { KindAdapter } from "../lifecycle/contract";
import { galleryImageVersionSpec } from "../schema/galleryImageVersion";
import { Inputs } from "../schema/types";
import { getPath } from "../schema/values";
import { replicationProgress, waitForReplication } from "./replication";
import { asModel, record } from "./sdk";

/**
 * A version as a refresh must see it: its replication status always, and its UEFI settings when the
 * program set them, since Azure reports each only on request (spec: GalleryImageVersions_Get
 * `$expand`, ReplicationStatusTypes: ReplicationStatus, UefiSettings; one value a request).
 */
async function getVersion(c: ComputeManagementClient, rg: string, [g, i, v]: string[], inputs: Inputs) {
    const version = await c.galleryImageVersions.get(rg, g, i, v, { expand: "ReplicationStatus" });
    if (getPath(inputs, "securityProfile.uefiSettings") === undefined) return record(version);
    const uefi = await c.galleryImageVersions.get(rg, g, i, v, { expand: "UefiSettings" });
    const uefiSettings = uefi.securityProfile?.uefiSettings;
    return record(uefiSettings === undefined ? version : { ...version, securityProfile: { ...version.securityProfile, uefiSettings } });
}

export const galleryImageVersionKind: KindAdapter = {
    spec: galleryImageVersionSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "images", field: "galleryImageName" },
        { type: "versions", field: "galleryImageVersionName" },
    ],
    get: getVersion,
    put: (c, rg, [g, i, v], m, options) => asModel(c.galleryImageVersions.createOrUpdate(rg, g, i, v, m as unknown as GalleryImageVersion, options)),
    patch: (c, rg, [g, i, v], m, options) => asModel(c.galleryImageVersions.update(rg, g, i, v, m, options)),
    del: (c, rg, [g, i, v], options) => c.galleryImageVersions.delete(rg, g, i, v, options),
    wait: waitForReplication,
    progress: replicationProgress,
};
